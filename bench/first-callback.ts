// The first callback of a fresh instance with forwarding (FORWARD_URL, a loopback target) and with Redis
// (REDIS_URL, its own key prefix), over a warm request of the same instance: what the first delivery of an
// instance pays (loading forward.js or redis.js, the connection). Rounds of fresh instances, medians.
import { median } from "./cold-start";
import { runInstance } from "./instance";
import { forwardEnv, redisEnv } from "./loopback";

export const FIRST_ROUNDS = Number(process.env.BENCH_FIRST_ROUNDS ?? 3);
const WARM_AFTER = 40;

export interface FirstCallback {
  /** Median ms of the first request over a warm one, with forwarding and with Redis. */
  readonly forwardMs: number;
  readonly redisMs: number;
}

export async function measureFirstCallbacks(
  functions: readonly string[],
  file: (fn: string) => string,
  forwardUrl: string,
  rounds = FIRST_ROUNDS,
): Promise<Map<string, FirstCallback>> {
  const over = new Map(functions.map((fn) => [fn, { forward: [] as number[], redis: [] as number[] }]));
  for (let round = 0; round < rounds; round++) {
    for (const fn of functions) {
      const seqBase = 10_000_000 + round * 1000 + Math.floor(Math.random() * 1e6) * 10_000;
      const f = await runInstance({ file: file(fn), loader: "require", fn, warmup: WARM_AFTER, env: forwardEnv(forwardUrl), seqBase });
      const r = await runInstance({ file: file(fn), loader: "require", fn, warmup: WARM_AFTER, env: redisEnv(), seqBase });
      over.get(fn)!.forward.push(f.firstMs - f.warmMs);
      over.get(fn)!.redis.push(r.firstMs - r.warmMs);
    }
  }
  return new Map([...over].map(([fn, o]) => [fn, { forwardMs: median(o.forward), redisMs: median(o.redis) }]));
}
