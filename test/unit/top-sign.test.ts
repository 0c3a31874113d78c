import { describe, expect, it } from "vitest";
import type { InboundRequest } from "../../shared/core/inbound";
import { formatTopTimestamp, parseTopTimestamp, topSign, verifyTopSign } from "../../shared/platforms/yuanjing/sign";
import { topSign as independentTopSign } from "../helpers/sign";

// PLATFORMS.md §1: the TOP SPI vector.
const VECTOR = {
  secret: "test_top_secret",
  query: { app_key: "12345678", timestamp: "2026-11-21 12:00:00", sign_method: "md5", target_app_key: "87654321", format: "json" },
  body: `{"fc_group":"fc-dg-common","fc_name":"cg","request_param":{"action":"SESSION_STATE_MESSAGE","message_type":"DISPATCHED","project_id":"p1","account_id":"a1","game_session_id":"gs1","game_id":"g1","time":1678798993}}`,
  sign: "6B9F34600AFF0EBA5BBDBA7C2F581F3D",
};

function request(parts: { query?: Record<string, string>; headers?: Record<string, string>; body?: string }): InboundRequest {
  return {
    transport: "http",
    method: "POST",
    path: "/",
    query: parts.query ?? {},
    headers: parts.headers ?? { "content-type": "application/json;charset=utf-8" },
    body: Buffer.from(parts.body ?? "", "utf8"),
    receivedAt: 0,
  };
}

const vectorRequest = request({ query: { ...VECTOR.query, sign: VECTOR.sign }, body: VECTOR.body });

describe("TOP SPI sign = UPPER(md5(secret + sorted key+value + raw body + secret))", () => {
  it("matches the PLATFORMS.md test vector (the `sign` parameter itself is left out)", () => {
    expect(topSign(VECTOR.secret, vectorRequest)).toBe(VECTOR.sign);
    expect(verifyTopSign([VECTOR.secret], vectorRequest, VECTOR.sign)).toBe(true);
  });

  it("the test helper's independent implementation matches the same vector", () => {
    expect(independentTopSign(VECTOR.secret, { query: VECTOR.query, body: VECTOR.body })).toBe(VECTOR.sign);
  });

  it("accepts the sign in lower case hex too, and refuses it for another secret or body", () => {
    expect(verifyTopSign([VECTOR.secret], vectorRequest, VECTOR.sign.toLowerCase())).toBe(true);
    expect(verifyTopSign(["other_secret"], vectorRequest, VECTOR.sign)).toBe(false);
    const changed = request({ query: vectorRequest.query, body: VECTOR.body.replace("gs1", "gs2") });
    expect(verifyTopSign([VECTOR.secret], changed, VECTOR.sign)).toBe(false);
  });

  it("signs the headers named in top-sign-list, a missing one counting as empty", () => {
    const headers = { "content-type": "application/json", "top-sign-list": "x-ca-a, x-ca-missing", "x-ca-a": "alpha" };
    const req = request({ query: VECTOR.query, headers, body: VECTOR.body });
    const expected = independentTopSign(VECTOR.secret, {
      query: VECTOR.query,
      signedHeaders: { "x-ca-a": "alpha", "x-ca-missing": "" },
      body: VECTOR.body,
    });
    expect(topSign(VECTOR.secret, req)).toBe(expected);
    expect(expected).not.toBe(VECTOR.sign);
  });

  it("signs the fields of a form body instead of the body", () => {
    const form = { fc_group: "fc-dg-common", fc_name: "cg", request_param: '{"action":"A"}' };
    const req = request({
      query: VECTOR.query,
      headers: { "content-type": "application/x-www-form-urlencoded; charset=UTF-8" },
      body: new URLSearchParams(form).toString(),
    });
    expect(topSign(VECTOR.secret, req)).toBe(independentTopSign(VECTOR.secret, { query: VECTOR.query, form }));
  });

  it("signs nothing whose parameter arrives in two places: TOP's merge would sign one value and leave the other", () => {
    const form = { fc_name: "not-signed", request_param: '{"action":"A"}' };
    const query = { ...VECTOR.query, fc_name: "cg" };
    const req = request({ query, headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() });
    const sign = independentTopSign(VECTOR.secret, { query, form });
    expect(verifyTopSign([VECTOR.secret], { ...req, query: { ...query, sign } }, sign)).toBe(false);
    expect(() => topSign(VECTOR.secret, req)).toThrow("fc_name arrives in both the query and the form body");
  });

  it("accepts a sign made with any secret of a rotation list", () => {
    expect(verifyTopSign(["new_secret", VECTOR.secret], vectorRequest, VECTOR.sign)).toBe(true);
    expect(verifyTopSign(["new_secret", "newer_secret"], vectorRequest, VECTOR.sign)).toBe(false);
  });
});

describe("TOP timestamp (yyyy-MM-dd HH:mm:ss, Beijing time)", () => {
  it("reads the vector's timestamp as 04:00 UTC", () => {
    expect(parseTopTimestamp("2026-11-21 12:00:00")).toBe(Date.UTC(2026, 10, 21, 4, 0, 0));
  });

  it("writes epoch ms back in the same form, across a UTC date boundary", () => {
    expect(formatTopTimestamp(Date.UTC(2026, 10, 21, 4, 0, 0))).toBe("2026-11-21 12:00:00");
    expect(formatTopTimestamp(Date.UTC(2026, 11, 31, 20, 30, 5))).toBe("2027-01-01 04:30:05");
  });

  it("refuses text that is not in that form", () => {
    for (const text of ["", "2026-11-21", "1763697600", "21/11/2026 12:00:00", "2026-11-21 12:00"]) {
      expect(parseTopTimestamp(text)).toBeUndefined();
    }
  });
});
