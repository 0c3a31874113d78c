import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../shared/core/log";
import { RedisNonceStore } from "../../shared/delivery/nonce/redis";
import { lazyRedis } from "../../shared/delivery/redis/lazy";
import { createProcessor } from "../../shared/function";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { sudCall, sudEnvelope } from "../helpers/requests";
import { cleanPrefix, REDIS_URL, requireRedis, testClient, uniquePrefix } from "./helpers/redis";

const redis = await requireRedis();

describe.skipIf(!redis.available)("Redis nonce memory on the real Redis", () => {
  const prefix = uniquePrefix("nonce");
  const client = testClient();
  const handle = lazyRedis({ url: REDIS_URL, host: "127.0.0.1:6379", timeoutMs: 500 }, silentLogger);
  const store = () => new RedisNonceStore(handle, prefix);
  const processors: ReturnType<typeof createProcessor>[] = [];

  afterAll(async () => {
    await Promise.all(processors.map((p) => p.close()));
    await cleanPrefix(client, prefix);
    await Promise.all([client.quit(), handle.close()]);
  });

  it("first, then same for the same digest and different for another, across instances; kept for the ttl", async () => {
    expect(await store().remember("sud:1:n", "d1", 60_000)).toBe("first");
    expect(await store().remember("sud:1:n", "d1", 60_000)).toBe("same");
    expect(await store().remember("sud:1:n", "d2", 60_000)).toBe("different");
    expect(await client.get(`${prefix}sud:1:n`)).toBe("d1");
    const ttl = await client.pttl(`${prefix}sud:1:n`);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it("of 100 concurrent first sightings with different digests exactly one is first", async () => {
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => store().remember("sud:race:n", `d${i}`, 60_000)));
    expect(results.filter((r) => r === "first")).toHaveLength(1);
    expect(results.filter((r) => r === "different")).toHaveLength(99);
  });

  it("two instances of sud-notify share it: a replay with another body on the other instance is refused, the same bytes pass", async () => {
    const env = { ...ENV.sud, REDIS_URL, REDIS_KEY_PREFIX: prefix };
    const [a, b] = [0, 1].map(() => createProcessor(FUNCTION_SPECS["sud-notify"], { env, log: silentLogger }));
    processors.push(a!, b!);
    const now = Date.now();
    const signed = sudCall({ body: sudEnvelope("sud.mg.merchant.any", { n: 1 }, "shared-1"), nonce: "shared-nonce", now });
    expect((await a!(toInbound(signed, now))).status).toBe(200);
    expect((await b!(toInbound(signed, now))).status).toBe(200);
    const replayed = sudCall({ body: sudEnvelope("sud.mg.merchant.any", { n: 2 }, "shared-2"), nonce: "shared-nonce", now });
    const answer = await b!(toInbound(replayed, now));
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body).ret_msg).toContain("already used with a different body");
    const keys = await client.keys(`${prefix}nonce:*`);
    expect(keys).toHaveLength(1);
    // Remembered for the rest of the 24 h window (plus the clock-skew allowance), not longer.
    const ttl = await client.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(86_000_000);
    expect(ttl).toBeLessThanOrEqual(86_700_000);
  });
});
