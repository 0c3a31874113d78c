// The time from receipt to answer of Tencent's gift check (Live.CallbackBeforeSendGift) through
// tencent-live's processor, with a handler that answers at once: dedupe in memory, and in Redis
// (REDIS_URL, default redis://127.0.0.1:6379), beside the floor (the signature check, the parse and a
// fixed answer, nothing else). Run alone: `npx tsx bench/answer-time.ts` (BENCH_ITERATIONS, default 5000).
import { createHash, randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { handler as tencentLive } from "../functions/tencent-live";
import type { InboundRequest } from "../shared/core/inbound";
import { silentLogger } from "../shared/core/log";
import { createProcessor } from "../shared/function";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 5000);
const TOKEN = "bench-token";
const APP_ID = "1400000001";
const env = { TENCENT_SDK_APP_ID: APP_ID, TENCENT_CALLBACK_TOKEN: TOKEN };
const handlers = { "Live.CallbackBeforeSendGift": () => ({ decision: "allow" as const }) };

function giftCheck(): InboundRequest {
  const requestTime = String(Math.floor(Date.now() / 1000));
  const body = JSON.stringify({
    CallbackCommand: "Live.CallbackBeforeSendGift",
    RoomId: `room_${randomBytes(6).toString("hex")}`,
    GiftWater: { From_Account: "viewer_1", To_Account: ["host_1"], Time: Number(requestTime), GiftId: "rocket", Count: 1, Coins: 1000 },
  });
  const Sign = createHash("sha256").update(TOKEN + requestTime).digest("hex");
  return {
    transport: "http",
    method: "POST",
    path: "/tencent-live",
    query: { SdkAppid: APP_ID, CallbackCommand: "Live.CallbackBeforeSendGift", RequestTime: requestTime, Sign },
    headers: { "content-type": "application/json" },
    body: Buffer.from(body),
    receivedAt: Date.now(),
  };
}

/** The least any receiver does: the same checks' arithmetic, one parse, a fixed answer. */
async function floor(req: InboundRequest) {
  const sign = createHash("sha256").update(TOKEN + req.query.RequestTime).digest("hex");
  if (sign !== req.query.Sign) throw new Error("floor: bad sign");
  const body = JSON.parse(req.body.toString("utf8"));
  return { status: 200, body: JSON.stringify({ ActionStatus: "OK", ErrorCode: body.GiftWater ? 0 : 1, ErrorInfo: "" }) };
}

async function measure(name: string, run: (req: InboundRequest) => Promise<{ status: number; body: string }>) {
  for (let i = 0; i < 500; i++) await run(giftCheck());
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const req = giftCheck();
    const start = performance.now();
    const answer = await run(req);
    times.push(performance.now() - start);
    if (answer.status !== 200 || !answer.body.includes('"ErrorCode":0')) throw new Error(`${name}: unexpected answer ${answer.body}`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(3);
  console.log(`${name.padEnd(28)} median ${at(0.5)} ms   p90 ${at(0.9)} ms   p99 ${at(0.99)} ms   (${ITERATIONS} gift checks)`);
  return Number(at(0.5));
}

async function main() {
  const floorMedian = await measure("floor", floor);
  const memory = createProcessor({ ...tencentLive.spec, handlers }, { env, log: silentLogger });
  const memoryMedian = await measure("tencent-live, memory", memory);
  await memory.close();
  const redis = createProcessor({ ...tencentLive.spec, handlers }, { env: { ...env, REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", REDIS_KEY_PREFIX: `bench:${randomBytes(4).toString("hex")}:` }, log: silentLogger });
  const redisMedian = await measure("tencent-live, Redis dedupe", redis);
  await redis.close();
  console.log(`the product's own share at the median: ${(memoryMedian - floorMedian).toFixed(3)} ms (memory), ${(redisMedian - floorMedian).toFixed(3)} ms (Redis, including its round trips)`);
}

void main();
