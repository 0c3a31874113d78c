import { describe, expect, it } from "vitest";
import { classifyFcEvent, fromFcHttpEvent, fromFcInvocation, toFcHttpResult } from "../../shared/runtime/fc";
import { fc3VendorBytes } from "../deploy/fc3/vendor";
import { fcHttpBuffer, fcHttpEvent, httpCall } from "../helpers/events";

// A real FC 3.0 HTTP-trigger event, from Serverless Devs' fc3 component (MIT).
const VENDOR_EVENT = fc3VendorBytes("http-trigger-event.json");

function parsedFc(bytes: Buffer) {
  const classified = classifyFcEvent(bytes);
  if (classified.kind !== "http") throw new Error("expected an FC HTTP trigger event");
  return classified.event;
}

describe("FC 3.0 HTTP trigger adapter", () => {
  it("recognises the real FC HTTP-trigger event Buffer and maps every part", () => {
    const req = fromFcHttpEvent(parsedFc(VENDOR_EVENT), { requestId: "ctx-request-id", function: { timeout: 3 } }, 1_000);
    expect(req).toMatchObject({
      transport: "http",
      method: "POST",
      path: "/2023-03-30/functions/fc3-event-test-http-trigger-Darwin-x86_64/invocations",
      query: {},
      sourceIp: "112.10.236.5",
      receivedAt: 1_000,
      deadlineAt: 4_000,
      // The event's requestId is empty: the context's is used.
      requestId: "ctx-request-id",
    });
    expect(req.body.toString("utf8")).toBe("haha");
    expect(req.headers["content-type"]).toBe("application/octet-stream");
    expect(req.headers["x-acs-action"]).toBe("InvokeFunction");
    expect(Object.keys(req.headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it("lower-cases header names whatever case the sender used, joining names that differ only in case", () => {
    const event = fcHttpEvent(httpCall({ headers: { "Sud-AppId": "1", "SUD-NONCE": "n", "x-Mixed-CASE": "v" } }));
    const req = fromFcHttpEvent({ ...event, headers: { ...event.headers, "sud-nonce": "m" } }, undefined, 0);
    expect(req.headers).toMatchObject({ "sud-appid": "1", "sud-nonce": "n,m", "x-mixed-case": "v" });
  });

  it("keeps FC's comma-joined repeated header and query values as they are", () => {
    const call = httpCall({ query: { tag: "a,b", Name: "x" }, headers: { "X-Forwarded-For": "203.0.113.1, 10.0.0.2" } });
    const req = fromFcHttpEvent(parsedFc(fcHttpBuffer(call)), undefined, 0);
    expect(req.query).toEqual({ tag: "a,b", Name: "x" });
    expect(req.headers["x-forwarded-for"]).toBe("203.0.113.1, 10.0.0.2");
  });

  it("decodes a base64 body to the exact bytes sent, including non-UTF-8 bytes", () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x00, 0xe4, 0xb8, 0xad, 0x7d]);
    const req = fromFcHttpEvent(parsedFc(fcHttpBuffer(httpCall({ body: bytes }), { base64: true })), undefined, 0);
    expect(req.body.equals(bytes)).toBe(true);
  });

  it("decodes base64 wrapped with line breaks and spaces to the same bytes", () => {
    const text = `{"app_id": "1",  "long": "${"x".repeat(120)}" }`;
    const event = fcHttpEvent(httpCall({ body: text }));
    const wrapped = event.body.replace(/(.{40})/g, "$1\r\n ");
    const req = fromFcHttpEvent({ ...event, body: wrapped }, undefined, 0);
    expect(req.body.toString("utf8")).toBe(text);
  });

  it("takes a plain body as UTF-8 text", () => {
    const req = fromFcHttpEvent(parsedFc(fcHttpBuffer(httpCall({ body: '{"名":"元镜"}' }), { base64: false })), undefined, 0);
    expect(req.body.toString("utf8")).toBe('{"名":"元镜"}');
  });

  it("treats anything not shaped as an HTTP-trigger event as a direct invocation payload", () => {
    for (const payload of ["", "haha", "[1,2]", '{"request_param":{}}', '{"version":"v1"}', '{"version":1,"action":"x","headers":{}}', "{not json"]) {
      expect(classifyFcEvent(Buffer.from(payload)), payload).toEqual({ kind: "invoke" });
    }
  });

  it("refuses a trigger-shaped event that is not a readable v1, saying why", () => {
    const cases: Array<[string, string]> = [
      ['{"version":"2.0","requestContext":{"http":{"method":"POST"}}}', "unrecognised FC event (version 2.0)"],
      ['{"version":null,"rawPath":"/"}', "unrecognised FC event (version null)"],
      ['{"version":"v1","rawPath":"/"}', "unrecognised FC event (v1 without requestContext.http.method)"],
      ['{"version":"v1","requestContext":{"http":{"method":"POST"}},"isBase64Encoded":"yes"}', "unrecognised FC event (v1 isBase64Encoded is not a boolean)"],
      ['{"version":"v1","requestContext":{"http":{"method":"POST"}},"headers":"x"}', "unrecognised FC event (v1 headers is not an object)"],
    ];
    for (const [payload, problem] of cases) expect(classifyFcEvent(Buffer.from(payload)), payload).toMatchObject({ kind: "unrecognised", problem });
  });

  it("maps a direct invocation to transport invoke with the payload as the body", () => {
    const payload = Buffer.from('{"request_param":{"game_session_id":"g"}}');
    const req = fromFcInvocation(payload, { requestId: "r1", function: { timeout: 10 } }, 5);
    expect(req).toMatchObject({ transport: "invoke", method: "INVOKE", query: {}, headers: {}, requestId: "r1", deadlineAt: 10_005 });
    expect(req.body).toBe(payload);
  });

  it("answers {statusCode, headers, body, isBase64Encoded}", () => {
    const result = toFcHttpResult({ status: 401, headers: { "content-type": "application/json" }, body: '{"ret_code":401}' });
    expect(result).toEqual({ statusCode: 401, headers: { "content-type": "application/json" }, body: '{"ret_code":401}', isBase64Encoded: false });
  });
});
