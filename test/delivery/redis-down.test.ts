import { afterAll, describe, expect, it } from "vitest";
import { loadDeliverySettings } from "../../shared/delivery/settings";
import { CONNECT_TIMEOUT_MS } from "../../shared/delivery/redis/lazy";
import { createProcessor, type Processor } from "../../shared/function";
import { tencentLive } from "../../shared/platforms/tencent";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { sudCall, sudEnvelope, tencentCall, TENCENT_TOKEN } from "../helpers/requests";
import { captureLog } from "../redis/helpers/capture";
import { blackhole, closedPort } from "../redis/helpers/proxy";

const PASSWORD = "redis-pw-SECRET-9z";

describe("Redis unavailable: clear failure answers, no crash, no silent acceptance", () => {
  const processors: Processor[] = [];
  afterAll(async () => {
    await Promise.all(processors.map((p) => p.close()));
  });

  it("connection refused: every request is refused as retryable at once, and kept in the log", async () => {
    const logs = captureLog();
    const url = `redis://:${PASSWORD}@127.0.0.1:${await closedPort()}`;
    // No replay window, so no nonce memory: the dedupe store is the first to need Redis.
    const processor = createProcessor(FUNCTION_SPECS["sud-notify"], { env: { ...ENV.sud, REDIS_URL: url, SUD_MAX_SIGNATURE_AGE_S: "0" }, log: logs.log });
    processors.push(processor);
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      const answer = await processor(toInbound(sudCall({ body: sudEnvelope("sud.mg.merchant.x", {}, `down-${i}`), now: started }), started));
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.body).ret_msg).toBe("delivery_failed: shared dedupe store unavailable; retry later");
    }
    const letters = logs.lines.filter((l) => l.message === "dead letter");
    expect(letters).toHaveLength(5);
    expect(letters[0]!.fields!.deadLetter).toMatchObject({ kind: "undelivered", event: { id: "down-0" } });
    expect(logs.lines.filter((l) => l.message === "redis unavailable")).toHaveLength(1);
    expect(logs.text()).not.toContain(PASSWORD);
  });

  it("the nonce memory unreachable: SUD gets a retryable 503 with a stable message, never Redis's own error, and the request is kept", async () => {
    const logs = captureLog();
    const url = `redis://:${PASSWORD}@127.0.0.1:${await closedPort()}`;
    const processor = createProcessor(FUNCTION_SPECS["sud-notify"], { env: { ...ENV.sud, REDIS_URL: url }, log: logs.log });
    processors.push(processor);
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const answer = await processor(toInbound(sudCall({ body: sudEnvelope("sud.mg.merchant.x", {}, `nonce-down-${i}`), now: started }), started));
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.body)).toEqual({ ret_code: 503, ret_msg: "delivery_failed: shared dedupe store unavailable; retry later" });
    }
    const letters = logs.lines.filter((l) => l.message === "dead letter");
    expect(letters).toHaveLength(3);
    expect(letters[0]!.fields!.deadLetter).toMatchObject({ kind: "undelivered", reason: "delivery_failed", platform: "sud", request: { transport: "http" } });
    expect(logs.text()).not.toContain(PASSWORD);
  });

  it("a Redis that hangs: Tencent still gets its answer, bounded by timeouts that fit in its 2 s", async () => {
    // The bounds, not a stopwatch (a loaded machine stretches any): connecting, then one command.
    const { redis } = loadDeliverySettings({ ...ENV.tencent, REDIS_URL: "redis://127.0.0.1:6379" });
    expect(CONNECT_TIMEOUT_MS + redis!.timeoutMs).toBeLessThan(tencentLive.answerWithinMs);
    const hole = await blackhole();
    try {
      const processor = createProcessor(FUNCTION_SPECS["tencent-live"], { env: { ...ENV.tencent, REDIS_URL: hole.url }, log: () => {} });
      processors.push(processor);
      for (const id of ["hang-1", "hang-2"]) {
        const receivedAt = Date.now();
        const call = tencentCall({ command: "Live.CallbackAfterCreateRoom", body: { RoomId: id }, token: TENCENT_TOKEN, now: receivedAt });
        // The hole never answers: only those timeouts can end the wait.
        const answer = await processor(toInbound(call, receivedAt));
        expect(answer.status).toBe(503);
        expect(JSON.parse(answer.body)).toMatchObject({ ActionStatus: "FAIL", ErrorInfo: "delivery_failed: shared dedupe store unavailable; retry later" });
      }
    } finally {
      await hole.close();
    }
  });
});
