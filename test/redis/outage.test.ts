import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../shared/core/log";
import { deliveryFromEnv } from "../../shared/delivery/from-env";
import { createProcessor } from "../../shared/function";
import { logLetters } from "../../scripts/replay/letters";
import { replay } from "../../scripts/replay/replay";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { sudCall, sudEnvelope } from "../helpers/requests";
import { until } from "../helpers/until";
import { captureLog } from "./helpers/capture";
import { RedisProxy } from "./helpers/proxy";
import { cleanPrefix, requireRedis, testClient, uniquePrefix } from "./helpers/redis";
import { tempDir } from "../helpers/temp";

const redis = await requireRedis();

describe.skipIf(!redis.available)("Redis going away and coming back", () => {
  const prefix = uniquePrefix("outage");
  const client = testClient();
  afterAll(async () => {
    await cleanPrefix(client, prefix);
    await client.quit();
  });

  it("refuses clearly while Redis is gone, keeps the event in the log, recovers by itself; replay then finds it delivered", async () => {
    const proxy = await RedisProxy.start();
    const logs = captureLog();
    const delivered: string[] = [];
    const env = { ...ENV.sud, REDIS_URL: proxy.url, REDIS_KEY_PREFIX: prefix };
    const processor = createProcessor({ ...FUNCTION_SPECS["sud-notify"], handlers: { unknown: (event) => void delivered.push(event.id) } }, { env, log: logs.log });
    const send = (id: string) => processor(toInbound(sudCall({ now: Date.now(), body: sudEnvelope("sud.mg.merchant.x", {}, id) }), Date.now()));

    expect((await send("before")).status).toBe(200);
    await proxy.cut();
    const during = await send("during");
    expect(during.status).toBe(503);
    // Refused at the first failed reconnection (no offline queue to wait in), not by a timer.
    expect(JSON.parse(during.body).ret_msg).toBe("delivery_failed: shared dedupe store unavailable; retry later");
    const detail = logs.lines.find((l) => l.message === "callback not delivered")!.fields!.detail as string;
    expect(detail).not.toMatch(/within \d+ ms/);
    expect(delivered).toEqual(["before"]);

    await proxy.restore();
    // The platform retries until the client has reconnected on its own (backoff at most 1 s).
    let retried = during;
    await until("the function to deliver again once Redis is back", async () => (retried = await send("during")).status === 200, 15_000);
    expect(delivered).toEqual(["before", "during"]);

    // The dead letter written to the log during the outage replays as already delivered.
    const dir = tempDir("outage-");
    const file = join(dir, "function.log");
    writeFileSync(file, logs.lines.map((l) => JSON.stringify({ level: l.level, msg: l.message, ...l.fields })).join("\n"));
    const source = logLetters(file);
    const { letters } = await source.list();
    // Kept before it was parsed (SUD's nonce memory was the first to need Redis): the stored request is the event.
    expect(letters.map((l) => JSON.parse(Buffer.from(l.letter.request.body, "base64").toString()).notify_id)).toEqual(["during"]);
    const delivery = deliveryFromEnv(env, silentLogger);
    const results = await replay(letters, { env, log: silentLogger, delivery, source });
    expect(results.map((r) => r.status)).toEqual(["already delivered"]);
    expect(delivered).toEqual(["before", "during"]);

    await Promise.all([processor.close(), delivery.close()]);
    await proxy.cut();
  });
});
