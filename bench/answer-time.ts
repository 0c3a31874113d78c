// The time from receipt to answer of Tencent's gift check (Live.CallbackBeforeSendGift) through
// tencent-live's processor, with a handler that answers at once: dedupe in memory, and in Redis
// (REDIS_URL, default redis://127.0.0.1:6379, its own key prefix), beside a floor doing the same checks
// (Sign within 60 s, the JSON rules, the gift's fields, a content-named dedupe id in memory, the answer).
// The processor is built from source with the handler, since a built bundle carries none; no log line on
// either side (silent logger). Part of `npm run bench` (as a child process); alone: `npx tsx bench/answer-time.ts`.
import { createHash, randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { handler as tencentLive } from "../functions/tencent-live";
import type { InboundRequest } from "../shared/core/inbound";
import { silentLogger } from "../shared/core/log";
import { createProcessor } from "../shared/function";
import { arr, BAD, id, int, obj, str, text } from "./floor/checks";
import { Dedupe, sameDigest } from "./floor/event";
import { parseJson } from "./floor/json";
import { REDIS_URL, redisEnv } from "./loopback";
import { quantile } from "./measure";

export const GIFT_ITERATIONS = Number(process.env.BENCH_GIFT_ITERATIONS ?? 3000);
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
  const Sign = createHash("sha256")
    .update(TOKEN + requestTime)
    .digest("hex");
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

const gift = obj({ RoomId: text, GiftWater: obj({ From_Account: id, To_Account: arr(id), Time: int, GiftId: str, Count: int, Coins: int }) });
const seen = new Dedupe();
const ALLOW = '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}';

/** The floor: the product's checks written plainly, the handler's "allow" answered. */
async function floor(req: InboundRequest) {
  const q = req.query;
  if (q.SdkAppid !== APP_ID || Math.abs(Date.now() / 1000 - Number(q.RequestTime)) > 60) return { status: 401, body: "" };
  if (
    !sameDigest(
      createHash("sha256")
        .update(TOKEN + q.RequestTime)
        .digest("hex"),
      q.Sign,
    )
  )
    return { status: 401, body: "" };
  const text = req.body.toString("utf8");
  const parsed = parseJson(text);
  if (!parsed.ok) return { status: 200, body: "quarantined" };
  const data = gift(parsed.value) as Record<string, any> | typeof BAD;
  if (data === BAD) return { status: 200, body: "quarantined" };
  seen.claim(`Live.CallbackBeforeSendGift:${data.RoomId}:${createHash("sha256").update(text).digest("hex")}`);
  const answer = handlers["Live.CallbackBeforeSendGift"]();
  return { status: 200, body: answer.decision === "allow" ? ALLOW : "" };
}

export interface GiftTiming {
  readonly medianMs: number;
  readonly p99Ms: number;
}

async function measure(name: string, run: (req: InboundRequest) => Promise<{ status: number; body: string }>, iterations: number): Promise<GiftTiming> {
  for (let i = 0; i < 300; i++) await run(giftCheck());
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const req = giftCheck();
    const start = performance.now();
    const answer = await run(req);
    times.push(performance.now() - start);
    if (answer.status !== 200 || !answer.body.includes('"ErrorCode":0')) throw new Error(`${name}: unexpected answer ${answer.body}`);
  }
  const sorted = Float64Array.from(times).sort();
  return { medianMs: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99) };
}

export async function measureGiftCheck(iterations = GIFT_ITERATIONS): Promise<{ floor: GiftTiming; memory: GiftTiming; redis: GiftTiming }> {
  const floorTiming = await measure("floor", floor, iterations);
  const memory = createProcessor({ ...tencentLive.spec, handlers }, { env, log: silentLogger });
  const memoryTiming = await measure("tencent-live, memory", memory, iterations);
  await memory.close();
  const redis = createProcessor({ ...tencentLive.spec, handlers }, { env: { ...env, ...redisEnv() }, log: silentLogger });
  const redisTiming = await measure("tencent-live, Redis dedupe", redis, iterations);
  await redis.close();
  return { floor: floorTiming, memory: memoryTiming, redis: redisTiming };
}

async function main() {
  const r = await measureGiftCheck();
  if (process.send) return void process.send(r, () => process.exit(0));
  for (const [name, t] of Object.entries(r)) console.log(`${name.padEnd(8)} median ${t.medianMs.toFixed(3)} ms   p99 ${t.p99Ms.toFixed(3)} ms`);
  console.log(
    `the product's own share at the median: ${(r.memory.medianMs - r.floor.medianMs).toFixed(3)} ms (memory), ${(r.redis.medianMs - r.floor.medianMs).toFixed(3)} ms (Redis at ${REDIS_URL}, its round trips included)`,
  );
}

if (require.main === module || process.send) void main();
