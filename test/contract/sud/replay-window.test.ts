/**
 * SUD's replay defences: a Sud-Timestamp window on by default (24 h, longer than SUD's ~15 h of
 * retries), a timestamp ahead of the clock refused as "in the future", and each (nonce, timestamp)
 * remembered for the window with its body's digest: the same bytes again pass (SUD's own retry, a
 * replayed dead letter), another body under a seen nonce is refused.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodyOf, ENV, harness } from "../../helpers/harness";
import { NOW_MS, sudCall, sudEnvelope } from "../../helpers/requests";
import { RUNS } from "../../fuzz/arbitraries";

const HOUR_S = 3600;
const nowS = Math.floor(NOW_MS / 1000);
const body = (id: string, data: unknown = { room: "9009" }) => sudEnvelope("sud.mg.merchant.any", data, id);
const retMsg = (answer: { body: string }) => bodyOf(answer).ret_msg as string;

describe("the Sud-Timestamp window is on by default: 24 h", () => {
  it("accepts a notification signed up to 86400 s ago (a late SUD retry) and refuses one older, naming the setting", async () => {
    const h = harness("sud-notify");
    expect((await h.send(sudCall({ body: body("a"), timestamp: String(nowS - 23 * HOUR_S) }))).status).toBe(200);
    expect((await h.send(sudCall({ body: body("b"), timestamp: String(nowS - 86400) }))).status).toBe(200);
    const old = await h.send(sudCall({ body: body("c"), timestamp: String(nowS - 86401) }));
    expect(old.status).toBe(401);
    expect(retMsg(old)).toBe("timestamp_expired: Sud-Timestamp is 86401 s old (limit SUD_MAX_SIGNATURE_AGE_S = 86400 s)");
    // 13 digits read as milliseconds.
    expect((await h.send(sudCall({ body: body("d"), timestamp: String(NOW_MS - 86401_000) }))).status).toBe(401);
    expect(h.delivered.map((e) => e.id)).toEqual(["a", "b"]);
  });

  it("says 'in the future' for a timestamp more than 300 s ahead of the clock, and allows that much skew", async () => {
    const h = harness("sud-notify");
    expect((await h.send(sudCall({ body: body("skew"), timestamp: String(nowS + 300) }))).status).toBe(200);
    for (const timestamp of [String(nowS + 301), String(NOW_MS + 3_600_000)]) {
      const ahead = await h.send(sudCall({ body: body(`ahead-${timestamp}`), timestamp }));
      expect(ahead.status).toBe(401);
      expect(retMsg(ahead)).toMatch(/^timestamp_expired: Sud-Timestamp is \d+ s in the future \(clock skew allowed: 300 s\)$/);
    }
  });
});

describe("a (nonce, timestamp) is remembered with its body's digest for the window", () => {
  it("the same bytes again pass (a duplicate); another body under the same nonce and timestamp is refused", async () => {
    const h = harness("sud-notify");
    const first = sudCall({ body: body("n-1"), nonce: "nonce-reused-1" });
    expect((await h.send(first)).status).toBe(200);
    expect((await h.send(first)).status).toBe(200);
    const other = sudCall({ body: body("n-2"), nonce: "nonce-reused-1" });
    const refused = await h.send(other);
    expect(refused.status).toBe(401);
    expect(retMsg(refused)).toBe("signature_invalid: Sud-Nonce and Sud-Timestamp were already used with a different body within SUD_MAX_SIGNATURE_AGE_S: a replayed signature");
    expect(h.delivered.map((e) => e.id)).toEqual(["n-1"]);
    // Another timestamp makes another signature: that nonce is free there.
    expect((await h.send(sudCall({ body: body("n-2"), nonce: "nonce-reused-1", timestamp: String(nowS - 1) }))).status).toBe(200);
    // With the window off (0) nothing is remembered: the function was told not to.
    const off = harness("sud-notify", { env: { ...ENV.sud, SUD_MAX_SIGNATURE_AGE_S: "0" } });
    expect((await off.send(first)).status).toBe(200);
    expect((await off.send(other)).status).toBe(200);
  });

  it("property: a second request under the same nonce and timestamp passes exactly when its bytes are the same", async () => {
    const h = harness("sud-notify");
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), async (a, b, same) => {
        const nonce = `prop-${n++}`;
        const firstBody = body(nonce, a);
        const secondBody = same ? firstBody : body(nonce, b);
        expect((await h.send(sudCall({ body: firstBody, nonce }))).status).toBe(200);
        const second = await h.send(sudCall({ body: secondBody, nonce }));
        if (secondBody === firstBody) expect(second.status).toBe(200);
        else expect(retMsg(second)).toContain("already used with a different body");
      }),
      RUNS,
    );
  });
});
