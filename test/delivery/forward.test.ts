import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../shared/core/log";
import { MemoryDedupeStore } from "../../shared/delivery/dedupe/memory";
import { createProcessor } from "../../shared/function";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { sudCall, sudEnvelope, tencentCall, TENCENT_TOKEN } from "../helpers/requests";
import { type Backend, FORWARD_SECRET, startBackend } from "../redis/helpers/backend";

describe("HTTP forwarding to the app's backend (FORWARD_URL)", () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await startBackend();
  });
  afterAll(() => backend.close());

  const processor = (fn: "sud-notify" | "tencent-live") =>
    createProcessor(FUNCTION_SPECS[fn], {
      env: { ...(fn === "sud-notify" ? ENV.sud : ENV.tencent), FORWARD_URL: backend.url, FORWARD_SECRET },
      log: silentLogger,
      dedupe: new MemoryDedupeStore(),
    });

  it("POSTs one normalized JSON shape for every platform, signed per Standard Webhooks", async () => {
    backend.behave(() => ({ status: 200 }));
    const sud = await processor("sud-notify")(toInbound(sudCall({ now: Date.now(), body: sudEnvelope("sud.mg.merchant.future.event", { order_id: "9" }, "fwd-1") }), Date.now()));
    const tencent = await processor("tencent-live")(
      toInbound(tencentCall({ command: "Live.CallbackAfterCreateRoom", body: { RoomId: "r1", EventTime: 1 }, token: TENCENT_TOKEN, now: Date.now() }), Date.now()),
    );
    expect([sud.status, tencent.status]).toEqual([200, 200]);

    const [a, b] = backend.received.slice(-2);
    for (const r of [a!, b!]) {
      expect(r.verified).toBe(true);
      expect(Object.keys(r.body).sort()).toEqual(["callback", "data", "eventTime", "id", "known", "platform", "raw", "receivedAt"]);
    }
    expect(a).toMatchObject({ id: "sud:fwd-1", body: { id: "fwd-1", platform: "sud", callback: "sud.mg.merchant.future.event", known: false, data: { order_id: "9" } } });
    expect(b!.body).toMatchObject({ platform: "tencent-live", callback: "Live.CallbackAfterCreateRoom", data: { RoomId: "r1" } });
    expect(b!.id).toBe(`tencent-live:${b!.body.id}`);
  });

  it("counts only a 2xx answer as delivered, and says why without naming the URL", async () => {
    backend.behave(() => ({ status: 404 }));
    const answer = await processor("sud-notify")(toInbound(sudCall({ now: Date.now(), body: sudEnvelope("sud.mg.merchant.x", {}, "fwd-404") }), Date.now()));
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body).ret_msg).toBe("delivery_failed: delivery failed: forward: FORWARD_URL answered HTTP 404");
    expect(answer.body).not.toContain("127.0.0.1");
  });
});
