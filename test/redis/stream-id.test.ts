import { describe, expect, it } from "vitest";
import { createProcessor } from "../../shared/function";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { sudCall, sudEnvelope } from "../helpers/requests";
import { FORWARD_SECRET } from "./helpers/backend";
import { REDIS_URL, requireRedis } from "./helpers/redis";
import { redisSuite } from "./helpers/suite";

const redis = await requireRedis();

describe.skipIf(!redis.available)("a stream entry's id is the forward's webhook-id, so consumers of both de-duplicate alike", () => {
  const suite = redisSuite("stream-id");
  const { prefix, client } = suite;

  it("readable, CJK, newline and 100 KB ids", async () => {
    const stream = `${prefix}events`;
    const processor = createProcessor(FUNCTION_SPECS["sud-notify"], {
      env: { ...ENV.sud, REDIS_URL, REDIS_KEY_PREFIX: prefix, REDIS_STREAM: stream, FORWARD_URL: suite.backend.url, FORWARD_SECRET },
      log: () => {},
    });
    const ids = ["readable-1", "房间-７", "two\nlines", "y".repeat(100_000)];
    for (const id of ids) {
      const answer = await processor(toInbound(sudCall({ body: sudEnvelope("sud.mg.merchant.x", {}, id), now: Date.now() }), Date.now()));
      expect(answer.status, id.slice(0, 20)).toBe(200);
    }

    const entries = await client.xrange(stream, "-", "+");
    const fields = entries.map(([, list]) => Object.fromEntries(Array.from({ length: list.length / 2 }, (_, i) => [list[2 * i], list[2 * i + 1]])));
    expect(fields.map((f) => JSON.parse(f.event!).id)).toEqual(ids);
    const webhookIds = new Map(suite.backend.received.map((r) => [r.body.id as string, r.id]));
    for (const f of fields) expect(f.id).toBe(webhookIds.get(JSON.parse(f.event!).id));
    expect(fields[0]!.id).toBe("sud:readable-1");
  });
});
