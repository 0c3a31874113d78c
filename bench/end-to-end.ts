// End-to-end answer time over loopback HTTP: signed callbacks posted to a function behind node:http
// (bench/servers/direct.ts, the FC HTTP trigger's event) that dedupes in Redis and forwards to a loopback
// target, at 1 and at 16 in flight. Bounded in count and in time; p50 and p99 of request-to-answer.
import { fork } from "node:child_process";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { forwardEnv, redisEnv } from "./loopback";
import { quantile } from "./measure";
import { BENCH_ENV, queryString, signedCall } from "./requests";

export const E2E = {
  requests: Number(process.env.BENCH_E2E_REQUESTS ?? 1500),
  seconds: Number(process.env.BENCH_E2E_SECONDS ?? 4),
  inFlight: [1, 16] as const,
};

export interface Latency {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
}

async function startServer(file: string, forwardUrl: string) {
  const child = fork(join("bench", "servers", "direct.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...BENCH_ENV, ...redisEnv(), ...forwardEnv(forwardUrl), BENCH_FILE: file },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (m: { url: string }) => resolve(m.url));
    child.once("exit", (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.send("close");
    });
  return { url: new URL(url), stop };
}

function post(agent: Agent, url: URL, fn: string, seq: number): Promise<number> {
  const call = signedCall(fn, seq);
  const body = Buffer.from(call.body);
  const path = `${call.path}?${queryString(call.query)}`;
  return new Promise((done, fail) => {
    const start = performance.now();
    const req = request({ host: url.hostname, port: url.port, path, method: "POST", agent, headers: { ...call.headers, "content-length": body.length } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => (res.statusCode === 200 ? done(performance.now() - start) : fail(new Error(`${fn} answered ${res.statusCode}: ${text}`))));
    });
    req.on("error", fail);
    req.end(body);
  });
}

/** p50 / p99 at each number in flight, for one function. */
export async function measureEndToEnd(fn: string, file: string, forwardUrl: string, settings = E2E): Promise<Map<number, Latency>> {
  const server = await startServer(file, forwardUrl);
  const out = new Map<number, Latency>();
  let seq = 20_000_000 + Math.floor(Math.random() * 1e6) * 10_000;
  try {
    for (const inFlight of settings.inFlight) {
      const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
      // A warm-up: the instance's first delivery and connections are the first-callback rows' business.
      for (let i = 0; i < 50; i++) await post(agent, server.url, fn, seq++);
      const times: number[] = [];
      const until = performance.now() + settings.seconds * 1000;
      let started = 0;
      const lane = async () => {
        while (started < settings.requests && performance.now() < until) {
          started++;
          times.push(await post(agent, server.url, fn, seq++));
        }
      };
      await Promise.all(Array.from({ length: inFlight }, lane));
      agent.destroy();
      const sorted = Float64Array.from(times).sort();
      out.set(inFlight, { p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), requests: times.length });
    }
  } finally {
    await server.stop();
  }
  return out;
}
