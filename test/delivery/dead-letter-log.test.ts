import { describe, expect, it } from "vitest";
import { createProcessor } from "../../shared/function";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { SUD_SECRET, sudCall, sudEnvelope, tencentCall, TENCENT_TOKEN } from "../helpers/requests";
import { captureLog } from "../redis/helpers/capture";

const failing = { name: "backend", send: async () => Promise.reject(new Error("backend down")) };

describe("dead letters without Redis: the whole record as one JSON error line", () => {
  it("an undelivered event: the event, the request to re-verify, the reason, the time, one attempt", async () => {
    const logs = captureLog();
    const processor = createProcessor(FUNCTION_SPECS["sud-notify"], { env: { ...ENV.sud, FC_FUNCTION_NAME: "prod-sud-notify" }, log: logs.log, targets: [failing] });
    const body = sudEnvelope("sud.mg.merchant.future.event", { order_id: "1" }, "dl-1");
    const call = sudCall({ now: Date.now(), body, headers: { Authorization: "Bearer gateway-token", Cookie: "session=abc", "X-Forwarded-For": "10.0.0.1" } });
    const answer = await processor({ ...toInbound(call, 1_700_000_000_000), requestId: "req-1" });
    expect(answer.status).toBe(503);

    const lines = logs.lines.filter((l) => l.level === "error");
    expect(lines.map((l) => l.message)).toEqual(["dead letter", "callback not delivered"]);
    const letter = lines[0]!.fields!.deadLetter as any;
    expect(letter).toMatchObject({
      kind: "undelivered",
      reason: "delivery_failed",
      message: "delivery failed: backend: backend down",
      attempts: 1,
      platform: "sud",
      function: "prod-sud-notify",
      callback: "sud.mg.merchant.future.event",
      event: { id: "dl-1", platform: "sud", data: { order_id: "1" } },
      request: { transport: "http", method: "POST", path: "/sud/notify", receivedAt: 1_700_000_000_000, requestId: "req-1" },
    });
    expect(typeof letter.at).toBe("string");
    expect(Buffer.from(letter.request.body, "base64").toString()).toBe(body);
    // Only what re-verification needs: no gateway credentials, cookies or other headers.
    expect(Object.keys(letter.request.headers).sort()).toEqual(["content-type", "sud-appid", "sud-nonce", "sud-signature", "sud-timestamp"]);
    expect(lines[1]!.fields).toMatchObject({ id: "dl-1", reason: "delivery_failed", deadLetter: "log" });
    expect(logs.text()).not.toContain(SUD_SECRET);
  });

  it("an authentic callback that fails validation is quarantined with its reason", async () => {
    const logs = captureLog();
    const processor = createProcessor(FUNCTION_SPECS["tencent-live-battle-start"], { env: ENV.tencent, log: logs.log });
    const now = Date.now();
    const wrong = await processor(toInbound(tencentCall({ command: "Live.CallbackAfterEndBattle", body: { BattleId: "b" }, token: TENCENT_TOKEN, now }), now));
    const invalid = await processor(toInbound(tencentCall({ command: "Live.CallbackAfterStartBattle", body: { BattleId: 7 }, token: TENCENT_TOKEN, now }), now));
    const malformed = await processor(toInbound(tencentCall({ command: "Live.CallbackAfterStartBattle", body: "{not json", token: TENCENT_TOKEN, now }), now));
    // Answered with 200 (Tencent counts only non-200 answers as failed callbacks), ErrorCode 400.
    expect([wrong.status, invalid.status, malformed.status]).toEqual([200, 200, 200]);
    for (const answer of [wrong, invalid, malformed]) expect(JSON.parse(answer.body)).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 400 });

    const letters = logs.lines.filter((l) => l.message === "dead letter").map((l) => l.fields!.deadLetter as any);
    expect(letters.map((l) => [l.kind, l.reason, l.callback])).toEqual([
      ["quarantined", "wrong_callback", "Live.CallbackAfterEndBattle"],
      ["quarantined", "invalid", "Live.CallbackAfterStartBattle"],
      ["quarantined", "malformed", undefined],
    ]);
    // Tencent signs in the query: Sign and RequestTime are kept there.
    expect(letters[0].request.query).toMatchObject({ Sign: expect.any(String), RequestTime: expect.any(String), CallbackCommand: "Live.CallbackAfterEndBattle" });
    expect(logs.lines.filter((l) => l.message === "callback quarantined")).toHaveLength(3);
  });

  it("a callback that is not authentic is refused and never kept", async () => {
    const logs = captureLog();
    const processor = createProcessor(FUNCTION_SPECS["sud-notify"], { env: ENV.sud, log: logs.log });
    const forged = await processor(toInbound(sudCall({ now: Date.now(), body: sudEnvelope("sud.mg.merchant.x", {}), secret: "guess" }), Date.now()));
    expect(forged.status).toBe(401);
    expect(logs.lines.map((l) => l.message)).toEqual(["callback refused"]);
  });
});
