/**
 * A check the configuration leaves off is said out loud: one warning per cold start for each, one per
 * request whose signature the function cannot check, and 元镜 over HTTP without a secret is refused
 * unless unsigned HTTP calls are allowed on purpose.
 */
import { describe, expect, it } from "vitest";
import { fixtureText } from "../helpers/fixtures";
import { bodyOf, ENV, harness, type LogLine } from "../helpers/harness";
import { FUNCTION_NAMES } from "../helpers/functions";
import { sudCall, sudEnvelope, TENCENT_APP_ID, TENCENT_TOKEN, tencentCall, TOP_SECRET, topCall } from "../helpers/requests";

const offLines = (logs: readonly LogLine[]) => logs.filter((l) => l.message === "authentication off");
const uncheckedLines = (logs: readonly LogLine[]) => logs.filter((l) => l.message === "signature not checked");
const battleEnd = () => fixtureText("tencent", "battle-end");
const session = () => fixtureText("yuanjing", "session-lifecycle");

describe("one warning per cold start for each check that is off", () => {
  it("Tencent without TENCENT_CALLBACK_TOKEN: said once, naming the variable and what it leaves open", async () => {
    const h = harness("tencent-live", { env: { TENCENT_SDK_APP_ID: TENCENT_APP_ID } });
    for (let i = 0; i < 3; i++) await h.send(tencentCall({ command: "Live.CallbackAfterEndBattle", body: battleEnd() }));
    const off = offLines(h.logs);
    expect(off).toHaveLength(1);
    expect(off[0]).toMatchObject({ level: "warn", fields: { platform: "tencent-live", detail: expect.stringContaining("TENCENT_CALLBACK_TOKEN is not set") } });
    // And nothing is said when every check is on.
    for (const fn of FUNCTION_NAMES) expect(offLines(harness(fn).logs), fn).toEqual([]);
  });

  it("SUD with SUD_MAX_SIGNATURE_AGE_S=0: said once, naming the variable", async () => {
    const h = harness("sud-notify", { env: { ...ENV.sud, SUD_MAX_SIGNATURE_AGE_S: "0" } });
    await h.send(sudCall({ body: sudEnvelope("sud.mg.merchant.any", {}) }));
    expect(offLines(h.logs)).toEqual([
      expect.objectContaining({ level: "warn", fields: expect.objectContaining({ platform: "sud", detail: expect.stringContaining("SUD_MAX_SIGNATURE_AGE_S") }) }),
    ]);
  });

  it("元镜 with YUANJING_ALLOW_UNSIGNED_HTTP=true and no secret: said once", async () => {
    const h = harness("yuanjing-session-lifecycle", { env: { YUANJING_ALLOW_UNSIGNED_HTTP: "true" } });
    expect(offLines(h.logs)).toEqual([
      expect.objectContaining({ fields: expect.objectContaining({ platform: "yuanjing", detail: expect.stringContaining("YUANJING_ALLOW_UNSIGNED_HTTP=true") }) }),
    ]);
  });
});

describe("a signature the function cannot check is logged, per request", () => {
  it("Tencent: a Sign with no TENCENT_CALLBACK_TOKEN is accepted with a warning; an unsigned call without one", async () => {
    const h = harness("tencent-live", { env: { TENCENT_SDK_APP_ID: TENCENT_APP_ID } });
    expect((await h.send(tencentCall({ command: "Live.CallbackAfterEndBattle", body: battleEnd(), token: TENCENT_TOKEN }))).status).toBe(200);
    expect(uncheckedLines(h.logs)).toEqual([
      expect.objectContaining({ level: "warn", fields: expect.objectContaining({ platform: "tencent-live", detail: expect.stringContaining("TENCENT_CALLBACK_TOKEN") }) }),
    ]);
    await h.send(tencentCall({ command: "Live.CallbackAfterEndBattle", body: battleEnd().replace('BattleId":"', 'BattleId":"2') }));
    expect(uncheckedLines(h.logs)).toHaveLength(1);
    expect(JSON.stringify(h.logs)).not.toContain(TENCENT_TOKEN);
  });

  it("元镜: a TOP sign with unsigned HTTP allowed and no secret is accepted with a warning", async () => {
    const h = harness("yuanjing-session-lifecycle", { env: { YUANJING_ALLOW_UNSIGNED_HTTP: "true" } });
    expect((await h.send(topCall({ body: session(), secret: TOP_SECRET }))).status).toBe(200);
    expect(uncheckedLines(h.logs)).toEqual([
      expect.objectContaining({ fields: expect.objectContaining({ platform: "yuanjing", detail: expect.stringContaining("YUANJING_APP_SECRET") }) }),
    ]);
    expect((await h.send(topCall({ body: session().replace("gameSessionId", "gs-2") }))).status).toBe(200);
    expect(uncheckedLines(h.logs)).toHaveLength(1);
  });
});

describe("元镜 over HTTP without YUANJING_APP_SECRET", () => {
  it("is refused with 500 isv.service-misconfigured, naming both variables the deployer can set", async () => {
    const h = harness("yuanjing-session-lifecycle", { env: {} });
    for (const call of [
      topCall({ body: session() }),
      topCall({ body: session(), secret: TOP_SECRET }),
      topCall({ form: { request_param: JSON.stringify(JSON.parse(session()).request_param) } }),
    ]) {
      const answer = await h.send(call);
      expect(answer.status).toBe(500);
      expect(bodyOf(answer).error_response).toMatchObject({
        sub_code: "isv.service-misconfigured",
        sub_msg: expect.stringMatching(/YUANJING_APP_SECRET is not set.*YUANJING_ALLOW_UNSIGNED_HTTP=true/),
      });
    }
    expect(h.delivered).toHaveLength(0);
    // A direct invocation is still accepted (FC authenticated it), and nothing is off: HTTP is refused, not unchecked.
    expect((await h.invoke(session())).status).toBe(200);
    expect(offLines(h.logs)).toEqual([]);
  });

  it("YUANJING_ALLOW_UNSIGNED_HTTP=true accepts an unsigned call; it must be true or false", async () => {
    expect((await harness("yuanjing-session-lifecycle", { env: { YUANJING_ALLOW_UNSIGNED_HTTP: "TRUE" } }).send(topCall({ body: session() }))).status).toBe(200);
    for (const value of ["false", ""]) {
      expect((await harness("yuanjing-session-lifecycle", { env: { YUANJING_ALLOW_UNSIGNED_HTTP: value } }).send(topCall({ body: session() }))).status).toBe(500);
    }
    const bad = await harness("yuanjing-session-lifecycle", { env: { YUANJING_ALLOW_UNSIGNED_HTTP: "yes" } }).invoke(session());
    expect(bad.status).toBe(500);
    expect(bodyOf(bad).error_response.sub_msg).toContain("YUANJING_ALLOW_UNSIGNED_HTTP must be true or false");
    // With a secret set it changes nothing: the sign is still required.
    const h = harness("yuanjing-session-lifecycle", { env: { YUANJING_APP_SECRET: TOP_SECRET, YUANJING_ALLOW_UNSIGNED_HTTP: "true" } });
    expect(bodyOf(await h.send(topCall({ body: session() }))).error_response.sub_code).toBe("isv.missing-signature");
    expect(offLines(h.logs)).toEqual([]);
  });
});
