import { describe, expect, it } from "vitest";
import { ConfigError } from "../../shared/core/config";
import { authenticateSud } from "../../shared/platforms/sud/auth";
import { loadSudConfig } from "../../shared/platforms/sud/config";
import { toInbound } from "../helpers/events";
import { NOW_MS, SUD_APP_ID, SUD_SECRET, sudCall } from "../helpers/requests";

const body = '{"notify_id":"n1","notify_time":"1647834452408","notify_event":"e","data":{}}';
const base = { SUD_APP_ID, SUD_APP_SECRET: SUD_SECRET };
const check = (call: ReturnType<typeof sudCall>, env: Record<string, string> = base, now = NOW_MS) => authenticateSud(toInbound(call, now), loadSudConfig(env), now);
const nowS = Math.floor(NOW_MS / 1000);

describe("SUD authentication: headers and app id", () => {
  it("accepts a notification signed over its exact body", () => {
    expect(check(sudCall({ body }))).toBeUndefined();
  });

  it("reads the Sud-* headers whatever their case", () => {
    const call = sudCall({ body });
    const headers = Object.fromEntries(Object.entries(call.headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(check({ ...call, headers })).toBeUndefined();
  });

  it("names every missing signature header", () => {
    const call = sudCall({ body, headers: { "Sud-Nonce": undefined, "Sud-Signature": undefined } });
    expect(check(call)).toMatchObject({ reason: "signature_missing", message: "missing header Sud-Nonce, Sud-Signature" });
  });

  it("refuses another app's Sud-AppId, and a missing one, as not ours", () => {
    expect(check(sudCall({ body, appId: "1461564080052506999" }))).toMatchObject({ reason: "not_ours" });
    expect(check(sudCall({ body, headers: { "Sud-AppId": undefined } }))).toMatchObject({ reason: "not_ours" });
  });

  it("accepts either secret of a rotation list", () => {
    const env = { SUD_APP_ID, SUD_APP_SECRET: `${SUD_SECRET},next-secret` };
    expect(check(sudCall({ body }), env)).toBeUndefined();
    expect(check(sudCall({ body, secret: "next-secret" }), env)).toBeUndefined();
    expect(check(sudCall({ body, secret: "retired-secret" }), env)).toMatchObject({ reason: "signature_invalid" });
  });
});

describe("SUD authentication: the Sud-Timestamp window", () => {
  it("is 24 h by default (a retry 15 h later keeps its first signature); 0 turns it off", () => {
    expect(loadSudConfig(base).maxSignatureAgeS).toBe(86400);
    expect(check(sudCall({ body, timestamp: String(nowS - 15 * 3600) }))).toBeUndefined();
    expect(check(sudCall({ body, timestamp: "146634788974" }))).toMatchObject({ reason: "timestamp_expired" });
    expect(check(sudCall({ body, timestamp: "146634788974" }), { ...base, SUD_MAX_SIGNATURE_AGE_S: "0" })).toBeUndefined();
  });

  it("with SUD_MAX_SIGNATURE_AGE_S, accepts timestamps inside it in seconds (10 digits) or ms (13 digits)", () => {
    const env = { ...base, SUD_MAX_SIGNATURE_AGE_S: "300" };
    expect(check(sudCall({ body, timestamp: String(nowS - 300) }), env)).toBeUndefined();
    // Ahead of the clock only by the 300 s skew allowance.
    expect(check(sudCall({ body, timestamp: String(nowS + 300) }), env)).toBeUndefined();
    expect(check(sudCall({ body, timestamp: String(NOW_MS - 299_000) }), env)).toBeUndefined();
  });

  it("with SUD_MAX_SIGNATURE_AGE_S, refuses timestamps outside it, in either unit", () => {
    const env = { ...base, SUD_MAX_SIGNATURE_AGE_S: "300" };
    expect(check(sudCall({ body, timestamp: String(nowS - 301) }), env)).toMatchObject({ reason: "timestamp_expired" });
    expect(check(sudCall({ body, timestamp: String(NOW_MS + 301_000) }), env)).toMatchObject({ reason: "timestamp_expired" });
  });

  it("with a window, refuses a Sud-Timestamp that is not a Unix time", () => {
    const env = { ...base, SUD_MAX_SIGNATURE_AGE_S: "300" };
    expect(check(sudCall({ body, timestamp: "yesterday" }), env)).toMatchObject({ reason: "signature_invalid" });
  });

  it("refuses a window setting that is not a whole number of seconds, naming the variable", () => {
    expect(() => loadSudConfig({ ...base, SUD_MAX_SIGNATURE_AGE_S: "5 minutes" })).toThrow(ConfigError);
    expect(() => loadSudConfig({ ...base, SUD_MAX_SIGNATURE_AGE_S: "5 minutes" })).toThrow(/^SUD_MAX_SIGNATURE_AGE_S /);
  });
});
