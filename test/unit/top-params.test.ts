import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { InboundRequest } from "../../shared/core/inbound";
import { topParams } from "../../shared/platforms/yuanjing/params";
import { verifyTopSign } from "../../shared/platforms/yuanjing/sign";
import { topSign } from "../helpers/sign";

const QUERY = { app_key: "12345678", timestamp: "2026-11-21 12:00:00", sign_method: "md5" };
const SECRET = "top-secret";

function formRequest(fields: [string, string][]): InboundRequest {
  const body = Buffer.from(new URLSearchParams(fields).toString());
  return { transport: "http", method: "POST", path: "/", query: QUERY, headers: { "content-type": "application/x-www-form-urlencoded" }, body, receivedAt: 0 };
}

/** Form field names, including the ones a plain object treats specially. */
const nameArb = fc.oneof(fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"), fc.string({ minLength: 1, maxLength: 12 }));

describe("the TOP parameter map of a request", () => {
  it("is read once per request: every reader gets the same map", () => {
    const req = formRequest([["request_param", "{}"]]);
    expect(topParams(req)).toBe(topParams(req));
  });

  it("property: every form field is signed, whatever its name: another value breaks the sign", () => {
    fc.assert(
      fc.property(nameArb, fc.string({ maxLength: 20 }), fc.string({ minLength: 1, maxLength: 5 }), (name, value, change) => {
        fc.pre(name !== "sign" && !Object.hasOwn(QUERY, name));
        const sign = topSign(SECRET, { query: QUERY, form: { [name]: value } as Record<string, string> });
        const signed = formRequest([[name, value]]);
        expect(verifyTopSign([SECRET], signed, sign)).toBe(true);
        expect(verifyTopSign([SECRET], formRequest([[name, value + change]]), sign)).toBe(false);
      }),
    );
  });
});
