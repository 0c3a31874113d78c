import { describe, expect, it } from "vitest";
import { authenticateTencent, REQUEST_TIME_TOLERANCE_S } from "../../shared/platforms/tencent/auth";
import { loadTencentConfig } from "../../shared/platforms/tencent/config";
import { toInbound } from "../helpers/events";
import { NOW_MS, TENCENT_APP_ID, TENCENT_TOKEN, tencentCall } from "../helpers/requests";

const config = loadTencentConfig({ TENCENT_SDK_APP_ID: TENCENT_APP_ID, TENCENT_CALLBACK_TOKEN: TENCENT_TOKEN });
const nowS = Math.floor(NOW_MS / 1000);
const check = (call: ReturnType<typeof tencentCall>, cfg = config, now = NOW_MS) => authenticateTencent(toInbound(call, now), cfg, now);
const signedAt = (requestTime: number, token = TENCENT_TOKEN) => tencentCall({ command: "Live.CallbackAfterStartBattle", body: {}, token, requestTime });

describe("Tencent authentication: RequestTime window of ±60 s", () => {
  it("is the 60 s the docs give", () => {
    expect(REQUEST_TIME_TOLERANCE_S).toBe(60);
  });

  it("accepts a RequestTime up to 60 s in the past or the future", () => {
    for (const offset of [0, -60, 60, -1, 1]) expect(check(signedAt(nowS + offset))).toBeUndefined();
  });

  it("refuses a RequestTime 61 s away either way as expired (a replay or a skewed clock)", () => {
    for (const offset of [-61, 61, -3600]) {
      expect(check(signedAt(nowS + offset))).toMatchObject({ reason: "timestamp_expired", message: expect.stringMatching(/s away from now/) });
    }
  });

  it("refuses a RequestTime that is not whole seconds", () => {
    const call = tencentCall({ command: "c", body: {}, token: TENCENT_TOKEN, query: { RequestTime: "1669872112.5" } });
    expect(check(call)).toMatchObject({ reason: "signature_invalid" });
  });

  it("requires Sign and RequestTime when a token is configured", () => {
    const unsigned = tencentCall({ command: "c", body: {} });
    expect(check(unsigned)).toMatchObject({ reason: "signature_missing", message: expect.stringContaining("TENCENT_CALLBACK_TOKEN") });
    const noTime = tencentCall({ command: "c", body: {}, token: TENCENT_TOKEN, query: { RequestTime: undefined } });
    expect(check(noTime)).toMatchObject({ reason: "signature_missing" });
  });

  it("checks no signature when no token is configured", () => {
    const open = loadTencentConfig({ TENCENT_SDK_APP_ID: TENCENT_APP_ID });
    expect(open.tokens).toEqual([]);
    expect(check(tencentCall({ command: "c", body: {} }), open)).toBeUndefined();
  });

  it("refuses a Sign made with a wrong token", () => {
    expect(check(signedAt(nowS, "not-the-token"))).toMatchObject({ reason: "signature_invalid" });
  });
});

describe("Tencent authentication: token rotation", () => {
  const rotating = loadTencentConfig({ TENCENT_SDK_APP_ID: TENCENT_APP_ID, TENCENT_CALLBACK_TOKEN: " old-token , new-token " });

  it("reads a comma-separated TENCENT_CALLBACK_TOKEN as several tokens", () => {
    expect(rotating.tokens).toEqual(["old-token", "new-token"]);
  });

  it("accepts callbacks signed with either token and refuses a third", () => {
    expect(check(signedAt(nowS, "old-token"), rotating)).toBeUndefined();
    expect(check(signedAt(nowS, "new-token"), rotating)).toBeUndefined();
    expect(check(signedAt(nowS, "other-token"), rotating)).toMatchObject({ reason: "signature_invalid" });
  });
});

describe("Tencent authentication: SdkAppid", () => {
  it("finds SdkAppid whatever the case of the key", () => {
    for (const key of ["SdkAppid", "SdkAppId", "sdkappid", "SDKAPPID"]) {
      const call = tencentCall({ command: "c", body: {}, token: TENCENT_TOKEN, query: { SdkAppid: undefined, [key]: TENCENT_APP_ID } });
      expect(check(call), key).toBeUndefined();
    }
  });

  it("refuses another app's SdkAppid, and a missing one, as not ours", () => {
    expect(check(tencentCall({ command: "c", body: {}, token: TENCENT_TOKEN, appId: "1400999999" }))).toMatchObject({ reason: "not_ours" });
    expect(check(tencentCall({ command: "c", body: {}, token: TENCENT_TOKEN, query: { SdkAppid: undefined } }))).toMatchObject({ reason: "not_ours" });
  });

  it("finds Sign and RequestTime whatever the case of their keys", () => {
    const call = signedAt(nowS);
    const query = { SdkAppid: TENCENT_APP_ID, sign: call.query.Sign!, requesttime: call.query.RequestTime! };
    expect(check({ ...call, query })).toBeUndefined();
  });
});
