import { afterAll, describe, expect, it } from "vitest";
import { MemoryNonceStore } from "../../shared/delivery/nonce/memory";
import { createProcessor } from "../../shared/function";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS } from "../helpers/functions";
import { bodyOf, ENV } from "../helpers/harness";
import { sudCall, sudEnvelope } from "../helpers/requests";
import { captureLog } from "./helpers/capture";
import { closedPort } from "./helpers/proxy";
import { cleanPrefix, REDIS_URL, requireRedis, testClient, uniquePrefix } from "./helpers/redis";

const redis = await requireRedis();
const HOUR = 3600_000;

const invalid = (notifyId: string) => sudEnvelope("sud.mg.merchant.player.status", { mg_id: "1", room_id: "9" }, notifyId);
const request = (body: string, nonce = "keVJLJTItd1VBtGT") => toInbound(sudCall({ body, nonce, now: Date.now() }), Date.now());

describe.skipIf(!redis.available)("quarantine on the shared dedupe store", () => {
  const prefix = uniquePrefix("quarantine");
  const client = testClient();
  afterAll(async () => {
    await cleanPrefix(client, prefix);
    await client.quit();
  });

  it("copies of one quarantined notification at two instances, at once and later, make one dead letter; the mark lasts DEDUPE_TTL_HOURS", async () => {
    const env = { ...ENV.sud, REDIS_URL, REDIS_KEY_PREFIX: prefix, DEDUPE_TTL_HOURS: "16" };
    const [a, b] = [createProcessor(FUNCTION_SPECS["sud-notify"], { env, log: captureLog().log }), createProcessor(FUNCTION_SPECS["sud-notify"], { env, log: captureLog().log })];
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b)(request(invalid("shared-1"), `nonce-${i}`))));
    // One copy quarantines it; the others see it done (acknowledged) or still running (retry later).
    for (const answer of burst) expect([200, 503]).toContain(answer.status);
    const later = await Promise.all([a(request(invalid("shared-1"), "late-a")), b(request(invalid("shared-1"), "late-b"))]);
    for (const answer of later) expect(bodyOf(answer)).toMatchObject({ ret_code: 0, ret_msg: expect.stringMatching(/^quarantined: invalid: /) });

    expect(await client.xlen(`${prefix}dead-letters`)).toBe(1);
    const [key] = await client.keys(`${prefix}dedupe:quarantine:sud:*`);
    expect(key).toBeDefined();
    expect(await client.get(key!)).toBe("completed");
    const ttl = await client.pttl(key!);
    expect(ttl).toBeGreaterThan(15.9 * HOUR);
    expect(ttl).toBeLessThanOrEqual(16 * HOUR);
    await Promise.all([a.close(), b.close()]);
  });

  it("with Redis unreachable, a quarantined callback is kept in the log and answered with a retry that names no host", async () => {
    const port = await closedPort();
    const logs = captureLog();
    const env = { ...ENV.sud, REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_KEY_PREFIX: prefix };
    // SUD's nonce memory in memory, so that the quarantine is the first to need Redis.
    const processor = createProcessor(FUNCTION_SPECS["sud-notify"], { env, log: logs.log, nonces: new MemoryNonceStore() });
    const answer = await processor(request(invalid("unreachable-1")));
    expect(answer.status).toBe(503);
    expect(bodyOf(answer).ret_code).toBe(503);
    expect(bodyOf(answer).ret_msg).toMatch(/^delivery_failed: shared dedupe store unavailable; retry later/);
    for (const word of ["127.0.0.1", String(port), "ECONNREFUSED", "connect"]) expect(answer.body).not.toContain(word);
    const letters = logs.lines.filter((l) => l.message === "dead letter").map((l) => l.fields!.deadLetter as { kind: string });
    expect(letters.map((l) => l.kind)).toEqual(["quarantined"]);
    // The cause is in the log for the operator.
    expect(logs.text()).toContain("ECONNREFUSED");
    await processor.close();
  });
});
