// A warm forward against a bare node:http POST. In one process: one instance of the bundle forwarding to
// the loopback target, one without forwarding, and a keep-alive node:http agent posting a body of the
// forwarded event's size to the same target; they take turns block by block. The forward's own cost is
// (with − without); against the bare POST's time it shows what the product adds to a POST. The bare POST
// timed alone runs back to back with hot caches, while the forward runs after the rest of a request's
// work: a fourth turn times a request without forwarding and then the bare POST, the POST in the place
// the forward takes, and (with − that) is what the forward adds over a POST made where it is made.
// Child process: forked by bench/main.ts with BENCH_FN, BENCH_FILE, FORWARD_URL, FORWARD_SECRET; answers over IPC.
import { Agent, request } from "node:http";
import { resolve } from "node:path";
import { median } from "./cold-start";
import { forgetBundle } from "./fresh-instance";
import { BENCH_ENV, lambdaEvent, signedCall } from "./requests";

const BLOCKS = Number(process.env.BENCH_FORWARD_BLOCKS ?? 6);
const PER_BLOCK = Number(process.env.BENCH_FORWARD_PER_BLOCK ?? 200);

type Handler = (event: unknown) => Promise<{ statusCode: number }>;

function instance(env: Record<string, string | undefined>): Handler {
  Object.assign(process.env, BENCH_ENV);
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  const file = resolve(process.env.BENCH_FILE!);
  forgetBundle(file, require.cache);
  return require(file).handler;
}

async function main() {
  const fn = process.env.BENCH_FN!;
  const url = new URL(process.env.FORWARD_URL!);
  const forwarding = instance({});
  // Configuration is read at the first request: answer one before the environment changes.
  let seq = 0;
  const call = (h: Handler) => h(lambdaEvent(signedCall(fn, seq++)));
  await call(forwarding);
  const plain = instance({ FORWARD_URL: undefined, FORWARD_SECRET: undefined });
  await call(plain);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const body = Buffer.alloc(1200, "x");
  const post = () =>
    new Promise<void>((done, fail) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent, headers: { "content-type": "application/json", "content-length": body.length } },
        (res) => {
          res.resume();
          res.on("end", () => (res.statusCode === 200 ? done() : fail(new Error(`bare POST answered ${res.statusCode}`))));
        },
      );
      req.on("error", fail);
      req.end(body);
    });
  const placed = async (event: unknown) => {
    const answer = await plain(event);
    await post();
    return answer;
  };
  const times = { forwarding: [] as number[], plain: [] as number[], post: [] as number[], placed: [] as number[] };
  const timed = async (into: number[], run: () => Promise<unknown>) => {
    const start = performance.now();
    const answer = (await run()) as { statusCode?: number } | undefined;
    into.push(performance.now() - start);
    if (answer && answer.statusCode !== 200) throw new Error(`answered ${answer.statusCode}`);
  };
  for (let block = -1; block < BLOCKS; block++) {
    // Block -1 warms all three up; it is not counted.
    const sink = block < 0 ? { forwarding: [], plain: [], post: [], placed: [] } : times;
    // Events signed before the block, so that the clock of signing is not timed.
    const events = Array.from({ length: 3 * PER_BLOCK }, () => lambdaEvent(signedCall(fn, seq++)));
    for (let i = 0; i < PER_BLOCK; i++) await timed(sink.forwarding, () => forwarding(events[i]));
    for (let i = 0; i < PER_BLOCK; i++) await timed(sink.plain, () => plain(events[PER_BLOCK + i]));
    for (let i = 0; i < PER_BLOCK; i++) await timed(sink.post, post);
    for (let i = 0; i < PER_BLOCK; i++) await timed(sink.placed, () => placed(events[2 * PER_BLOCK + i]));
  }
  agent.destroy();
  process.send!({ forwardingMs: median(times.forwarding), plainMs: median(times.plain), postMs: median(times.post), placedMs: median(times.placed) }, () => process.exit(0));
}

main().catch((error: Error) => {
  console.error(`forward-warm: ${error.stack ?? error.message}`);
  process.exit(1);
});
