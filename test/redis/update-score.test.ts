import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../shared/core/log";
import { RedisDedupeStore } from "../../shared/delivery/dedupe/redis";
import { lazyRedis } from "../../shared/delivery/redis/lazy";
import { harness } from "../helpers/harness";
import { countingHandler, order, scoreCall, updateScoreSuite } from "../contract/sud/update-score-suite";
import { until } from "../helpers/until";
import { cleanPrefix, REDIS_URL, requireRedis, testClient, uniquePrefix } from "./helpers/redis";

const redis = await requireRedis();
const HOUR = 3600_000;

describe.skipIf(!redis.available)("update_score, idempotent on order_id, with the Redis dedupe store", () => {
  const prefix = uniquePrefix("update-score");
  const client = testClient();
  const handle = lazyRedis({ url: REDIS_URL, host: "127.0.0.1:6379", timeoutMs: 2000 }, silentLogger);
  // Each store is one instance (its own claim token), all sharing the one Redis.
  const store = () => new RedisDedupeStore(handle, prefix, 48 * HOUR);

  afterAll(async () => {
    await cleanPrefix(client, prefix);
    await Promise.all([client.quit(), handle.close()]);
  });

  updateScoreSuite(store);

  it("runs the handler once for concurrent retries of one order spread over three instances; every answer is the first's or a retry-later", async () => {
    const handler = countingHandler();
    const instances = [0, 1, 2].map(() => harness("sud-app-server", { dedupe: store(), handlers: { update_score: handler } }));
    const o = order();
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => instances[i % 3]!.send(scoreCall(o))));
    expect(handler.calls).toBe(1);
    const answered = answers.filter((a) => a.status === 200);
    expect(answered.length).toBeGreaterThan(0);
    for (const a of answered) expect(a.body).toBe(answered[0]!.body);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 503)).toBe(true);
    // Settled now: every instance answers the retry from the record.
    for (const h of instances) expect((await h.send(scoreCall(o))).body).toBe(answered[0]!.body);
    expect(handler.calls).toBe(1);
  });

  it("a release names its own claim: one that expired and was claimed again is not given up by the first", async () => {
    const [a, b] = [store(), store()];
    const key = `answer:sud:update_score:expiring-${Date.now()}`;
    const first = await a.claimAnswer(key, "h1", 50);
    expect(first.state).toBe("claimed");
    await until("the first claim expired in Redis", async () => (await client.exists(prefix + key)) === 0);
    const second = await a.claimAnswer(key, "h1", 60_000);
    expect(second.state).toBe("claimed");
    // The same instance and hash, an older claim: nothing given up.
    await a.releaseAnswer(key, (first as { claim: string }).claim);
    expect(await b.claimAnswer(key, "h1", 60_000)).toEqual({ state: "in_progress", hash: "h1" });
    await a.releaseAnswer(key, (second as { claim: string }).claim);
    expect((await b.claimAnswer(key, "h1", 60_000)).state).toBe("claimed");
  });

  it("keeps the record under the function's key prefix, with the payload's hash and the answer, for the completed time", async () => {
    const h = harness("sud-app-server", { dedupe: store(), handlers: { update_score: countingHandler() } });
    const o = order();
    await h.send(scoreCall(o));
    const key = `${prefix}answer:sud:update_score:${o.order_id}`;
    const record = JSON.parse((await client.get(key))!);
    expect(record).toMatchObject({ s: "completed", h: expect.stringMatching(/^[0-9a-f]{64}$/), a: { data: { data: { score: 90 } }, answer: { status: 200 } } });
    expect(await client.pttl(key)).toBeGreaterThan(47 * HOUR);
  });
});
