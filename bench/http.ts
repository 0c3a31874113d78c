// HTTP throughput and latency on loopback: autocannon against the emulator's FC HTTP trigger route
// (/fc/<function>), against a bare Node http server answering the same fixed ack, and against the floor
// and the function called in-process behind node:http (what any receiver, and ours, costs over HTTP
// without the emulator). Each server runs in its own child process; every request is freshly signed
// with a distinct id by the same generator, so dedupe never short-cuts and the generator's work is equal.
import { fork } from "node:child_process";
import { join } from "node:path";
import autocannon from "autocannon";
import { BENCH_ENV, queryString, type Sample, signedCall } from "./requests";

export interface HttpFigures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
}

export const HTTP_LOAD = {
  seconds: Number(process.env.BENCH_HTTP_SECONDS ?? 3),
  warmupSeconds: 1,
  rounds: Number(process.env.BENCH_HTTP_ROUNDS ?? 2),
  connections: Number(process.env.BENCH_HTTP_CONNECTIONS ?? 8),
};

const ACK: Record<Sample, string> = {
  "battle-start": '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}',
  "battle-end": '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}',
  "room-destroyed": '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}',
  "player-status": '{"ret_code":0,"ret_msg":"SUCCESS"}',
  "session-lifecycle": '{"result":{"code":"0","message":"成功","data":{"message":"成功","consume_state":0}}}',
};

/** Starts a server child (bench/servers/<name>.ts) and hands back its URL and a way to stop it. */
async function startServer(name: "bare" | "direct" | "emulator", env: Record<string, string>) {
  const child = fork(join("bench", "servers", `${name}.ts`), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (m: { url: string }) => resolve(m.url));
    child.once("exit", (code) => reject(new Error(`${name} server exited with ${code} before listening`)));
  });
  const stop = () => new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.send("close");
  });
  return { url, stop };
}

async function load(url: string, path: string, sample: Sample, seconds: number, counter: { seq: number }): Promise<HttpFigures> {
  const result = await autocannon({
    url,
    connections: HTTP_LOAD.connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request: any) => {
          const call = signedCall(sample, counter.seq++);
          return { ...request, method: call.method, path: `${path}${call.path}?${queryString(call.query)}`, headers: { ...call.headers }, body: call.body };
        },
      },
    ],
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${url}${path}: ${failed} of ${result.requests.total} requests failed (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, requests: result.requests.total };
}

export interface HttpComparison {
  readonly bare: HttpFigures;
  /** The floor receiver in-process behind node:http: the most any receiver can keep of the bare figure. */
  readonly floorDirect: HttpFigures;
  /** The function in-process behind node:http: its own share, without the emulator's. */
  readonly direct: HttpFigures;
  readonly emulator: HttpFigures;
}

/**
 * The bare server, the floor and the function behind node:http, and the emulator's FC HTTP route, under
 * the same load. Rounds alternate over the four so a burst of outside load cannot land on one only;
 * each keeps its best round (the one least disturbed).
 */
export async function measureHttp(fn: string, file: string, floorFile: string, sample: Sample): Promise<HttpComparison> {
  const counter = { seq: 0 };
  const run = async (name: "bare" | "direct" | "emulator", env: Record<string, string>, path: string) => {
    const server = await startServer(name, env);
    try {
      // The warm-up settles the JIT and, for the functions, takes their cold start out of the figures.
      await load(server.url, path, sample, HTTP_LOAD.warmupSeconds, counter);
      return await load(server.url, path, sample, HTTP_LOAD.seconds, counter);
    } finally {
      await server.stop();
    }
  };
  const best = (a: HttpFigures | undefined, b: HttpFigures) => (a && a.requestsPerSecond >= b.requestsPerSecond ? a : b);
  let result: Partial<HttpComparison> = {};
  for (let round = 0; round < HTTP_LOAD.rounds; round++) {
    result = {
      bare: best(result.bare, await run("bare", { BENCH_ACK: ACK[sample] }, "")),
      floorDirect: best(result.floorDirect, await run("direct", { ...BENCH_ENV, BENCH_FILE: floorFile }, "")),
      direct: best(result.direct, await run("direct", { ...BENCH_ENV, BENCH_FILE: file }, "")),
      emulator: best(result.emulator, await run("emulator", {}, `/fc/${fn}`)),
    };
  }
  return result as HttpComparison;
}
