import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../shared/core/log";
import { RedisDedupeStore } from "../../shared/delivery/dedupe/redis";
import { lazyRedis } from "../../shared/delivery/redis/lazy";
import { createProcessor } from "../../shared/function";
import { toInbound } from "../helpers/events";
import { ENV } from "../helpers/harness";
import { FUNCTION_SPECS } from "../helpers/functions";
import { sudCall, sudEnvelope } from "../helpers/requests";
import { until } from "../helpers/until";
import { cleanPrefix, REDIS_URL, requireRedis, testClient, uniquePrefix } from "./helpers/redis";

const redis = await requireRedis();
const HOUR = 3600_000;

describe.skipIf(!redis.available)("Redis dedupe: the two-phase claim on the real Redis", () => {
  const prefix = uniquePrefix("dedupe");
  const client = testClient();
  const handle = lazyRedis({ url: REDIS_URL, host: "127.0.0.1:6379", timeoutMs: 500 }, silentLogger);
  const store = (completedMs = 48 * HOUR) => new RedisDedupeStore(handle, prefix, completedMs);

  afterAll(async () => {
    await cleanPrefix(client, prefix);
    await Promise.all([client.quit(), handle.close()]);
  });

  it("claims once; a second claim sees it in progress; completed is remembered for 48 h", async () => {
    const a = store();
    const claimedAt = Date.now();
    expect(await a.claim("sud:1", 5000)).toBe("claimed");
    expect(await store().claim("sud:1", 5000)).toBe("in_progress");
    const held = await client.pttl(`${prefix}sud:1`);
    // What is left of the 5 s claim: at most the time since it was made has gone, however slow the machine.
    expect(held).toBeGreaterThanOrEqual(5000 - (Date.now() - claimedAt));
    expect(held).toBeLessThanOrEqual(5000);

    await a.complete("sud:1");
    expect(await store().claim("sud:1", 5000)).toBe("completed");
    expect(await client.get(`${prefix}sud:1`)).toBe("completed");
    expect(await client.pttl(`${prefix}sud:1`)).toBeGreaterThan(47 * HOUR);
  });

  it("release lets the next claim run, but never deletes another instance's claim or a completed id", async () => {
    const a = store();
    const b = store();
    expect(await a.claim("sud:2", 100)).toBe("claimed");
    await until("a's 100 ms claim to expire in Redis", async () => (await client.exists(`${prefix}sud:2`)) === 0);
    // a's claim expired (its instance froze); b takes the id over.
    expect(await b.claim("sud:2", 5000)).toBe("claimed");
    await a.release("sud:2");
    expect(await store().claim("sud:2", 5000)).toBe("in_progress");
    await b.release("sud:2");
    expect(await store().claim("sud:2", 5000)).toBe("claimed");

    const c = store();
    expect(await c.claim("sud:3", 5000)).toBe("claimed");
    await store().complete("sud:3");
    await c.release("sud:3");
    expect(await store().claim("sud:3", 5000)).toBe("completed");
  });

  it("of 200 concurrent claims on separate stores exactly one wins", async () => {
    const results = await Promise.all(Array.from({ length: 200 }, () => store().claim("sud:race", 5000)));
    expect(results.filter((r) => r === "claimed")).toHaveLength(1);
    expect(results.filter((r) => r === "in_progress")).toHaveLength(199);
  });

  it("holds an in-progress claim for the time the function has left (the runtime's deadline)", async () => {
    // The claim's time left, read by the handler, and when it was read: the claim ends at a fixed time,
    // so what is left is exact however slowly the machine got there (a few ms for the two clocks' rounding).
    const seen = { ttl: 0, at: 0 };
    const readTtl = (id: string) => async () => {
      seen.ttl = await client.pttl(`${prefix}dedupe:sud:${id}`);
      seen.at = Date.now();
    };
    const env = { ...ENV.sud, REDIS_URL, REDIS_KEY_PREFIX: prefix };
    const processor = createProcessor({ ...FUNCTION_SPECS["sud-notify"], handlers: { unknown: readTtl("ttl-1") } }, { env, log: silentLogger });
    const receivedAt = Date.now();
    const req = toInbound(sudCall({ now: Date.now(), body: sudEnvelope("sud.mg.merchant.any", {}, "ttl-1") }), receivedAt, { deadlineAt: receivedAt + 30_000 });
    expect((await processor(req)).status).toBe(200);
    expect(seen.ttl).toBeGreaterThanOrEqual(receivedAt + 30_000 - seen.at - 5);
    expect(seen.ttl).toBeLessThanOrEqual(30_000);

    // Without a runtime deadline: the platform's delivery budget (SUD: 3.75 s of 5 s) plus a 250 ms margin.
    const againAt = Date.now();
    const again = toInbound(sudCall({ now: againAt, body: sudEnvelope("sud.mg.merchant.any", {}, "ttl-2") }), againAt);
    const other = createProcessor({ ...FUNCTION_SPECS["sud-notify"], handlers: { unknown: readTtl("ttl-2") } }, { env, log: silentLogger });
    expect((await other(again)).status).toBe(200);
    expect(seen.ttl).toBeGreaterThanOrEqual(againAt + 4000 - seen.at - 5);
    expect(seen.ttl).toBeLessThanOrEqual(4000);
    await Promise.all([processor.close(), other.close()]);
  });
});
