import { describe, expect, it } from "vitest";
import { authenticateYuanjing } from "../../shared/platforms/yuanjing/auth";
import { loadYuanjingConfig } from "../../shared/platforms/yuanjing/config";
import { invocation, toInbound } from "../helpers/events";
import { NOW_MS, TOP_SECRET, topCall } from "../helpers/requests";

const body = '{"request_param":{"action":"A"}}';
const signed = (at: number, extra: Parameters<typeof topCall>[0] = {}) => topCall({ body, secret: TOP_SECRET, at, ...extra });
const check = (call: ReturnType<typeof topCall>, env: Record<string, string> = { YUANJING_APP_SECRET: TOP_SECRET }, now = NOW_MS) =>
  authenticateYuanjing(toInbound(call, now), loadYuanjingConfig(env), now);

describe("元镜 TOP authentication over HTTP", () => {
  it("accepts a call signed with the app secret", () => {
    expect(check(signed(NOW_MS))).toBeUndefined();
  });

  it("accepts a timestamp up to YUANJING_SIGN_MAX_AGE_S (default 900 s) away and refuses one beyond", () => {
    expect(loadYuanjingConfig({}).signMaxAgeS).toBe(900);
    expect(check(signed(NOW_MS - 900_000))).toBeUndefined();
    expect(check(signed(NOW_MS + 900_000))).toBeUndefined();
    expect(check(signed(NOW_MS - 901_000))).toMatchObject({ reason: "timestamp_expired", message: expect.stringContaining("YUANJING_SIGN_MAX_AGE_S") });
    expect(check(signed(NOW_MS + 901_000))).toMatchObject({ reason: "timestamp_expired" });
  });

  it("honours a configured window", () => {
    const env = { YUANJING_APP_SECRET: TOP_SECRET, YUANJING_SIGN_MAX_AGE_S: "60" };
    expect(check(signed(NOW_MS - 60_000), env)).toBeUndefined();
    expect(check(signed(NOW_MS - 61_000), env)).toMatchObject({ reason: "timestamp_expired" });
  });

  it("requires sign and a well-formed timestamp", () => {
    expect(check(topCall({ body }))).toMatchObject({ reason: "signature_missing" });
    expect(check(signed(NOW_MS, { query: { timestamp: "1763697600" } }))).toMatchObject({ reason: "signature_invalid" });
  });

  it("fails closed on any sign_method but md5", () => {
    expect(check(signed(NOW_MS, { query: { sign_method: "hmac" } }))).toMatchObject({ reason: "signature_invalid", message: expect.stringContaining("hmac") });
    expect(check(signed(NOW_MS, { query: { sign_method: "MD5" } }))).toBeUndefined();
  });

  it("accepts either secret of a rotation list", () => {
    const env = { YUANJING_APP_SECRET: `next-secret,${TOP_SECRET}` };
    expect(check(signed(NOW_MS), env)).toBeUndefined();
    expect(check(topCall({ body, secret: "next-secret" }), env)).toBeUndefined();
    expect(check(topCall({ body, secret: "old-secret" }), env)).toMatchObject({ reason: "signature_invalid" });
  });

  it("without a secret refuses HTTP calls as misconfigured unless unsigned ones are allowed; a direct invocation is FC-authenticated", () => {
    expect(check(topCall({ body }), {})).toMatchObject({ reason: "misconfigured", message: expect.stringContaining("YUANJING_ALLOW_UNSIGNED_HTTP") });
    expect(check(topCall({ body }), { YUANJING_ALLOW_UNSIGNED_HTTP: "true" })).toBeUndefined();
    for (const env of [{}, { YUANJING_APP_SECRET: TOP_SECRET }]) {
      expect(authenticateYuanjing(invocation(body, NOW_MS), loadYuanjingConfig(env), NOW_MS)).toBeUndefined();
    }
  });
});
