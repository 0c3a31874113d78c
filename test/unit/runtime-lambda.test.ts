import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { fromLambdaHttpEvent, fromLambdaInvocation, isLambdaHttpEvent, toLambdaHttpResult } from "../../shared/runtime/lambda";
import { httpCall, lambdaHttpEvent } from "../helpers/events";

/** A Function URL event as AWS documents it (the same 2.0 payload as an HTTP API). */
const functionUrlEvent: APIGatewayProxyEventV2 = {
  version: "2.0",
  routeKey: "$default",
  rawPath: "/sud/notify",
  rawQueryString: "a=1&a=2&b=x%20y",
  cookies: ["c1=v1", "c2=v2"],
  headers: { "content-type": "application/json", "sud-appid": "1461564080052506636", "x-forwarded-for": "203.0.113.1,10.0.0.1" },
  queryStringParameters: { a: "1,2", b: "x y" },
  requestContext: {
    accountId: "123456789012",
    apiId: "urlid",
    domainName: "urlid.lambda-url.us-east-1.on.aws",
    domainPrefix: "urlid",
    http: { method: "post", path: "/sud/notify", protocol: "HTTP/1.1", sourceIp: "198.51.100.9", userAgent: "agent" },
    requestId: "id-1",
    routeKey: "$default",
    stage: "$default",
    time: "21/Nov/2026:04:00:00 +0000",
    timeEpoch: 1_763_697_600_000,
  },
  body: "eyJhIjoxfQ==",
  isBase64Encoded: true,
};

describe("Lambda HTTP API v2 / Function URL adapter", () => {
  it("tells v2 HTTP events from other payloads", () => {
    expect(isLambdaHttpEvent(functionUrlEvent)).toBe(true);
    expect(isLambdaHttpEvent(lambdaHttpEvent(httpCall({})))).toBe(true);
    for (const other of [null, undefined, "x", {}, { version: "1.0", requestContext: {} }, { version: "2.0" }, { request_param: {} }]) {
      expect(isLambdaHttpEvent(other)).toBe(false);
    }
  });

  it("maps a Function URL event: method upper-cased, comma-joined query values, base64 body decoded, cookies restored", () => {
    const req = fromLambdaHttpEvent(functionUrlEvent, { awsRequestId: "aws-1", getRemainingTimeInMillis: () => 2_500 }, 100);
    expect(req).toMatchObject({
      transport: "http",
      method: "POST",
      path: "/sud/notify",
      query: { a: "1,2", b: "x y" },
      sourceIp: "198.51.100.9",
      requestId: "id-1",
      receivedAt: 100,
      deadlineAt: 2_600,
    });
    expect(req.headers).toMatchObject({ "sud-appid": "1461564080052506636", "x-forwarded-for": "203.0.113.1,10.0.0.1", cookie: "c1=v1; c2=v2" });
    expect(req.body.toString("utf8")).toBe('{"a":1}');
  });

  it("lower-cases header names sent in any case", () => {
    const event = { ...lambdaHttpEvent(httpCall({})), headers: { "Sud-Signature": "abc", "CONTENT-TYPE": "application/json" } };
    expect(fromLambdaHttpEvent(event, undefined, 0).headers).toEqual({ "sud-signature": "abc", "content-type": "application/json" });
  });

  it("takes a plain body as UTF-8 text, and a missing one as empty", () => {
    const event = lambdaHttpEvent(httpCall({ body: '{"名": 1}' }));
    expect(fromLambdaHttpEvent(event, undefined, 0).body.toString("utf8")).toBe('{"名": 1}');
    const { body: _, ...noBody } = event;
    expect(fromLambdaHttpEvent(noBody as APIGatewayProxyEventV2, undefined, 0).body.length).toBe(0);
  });

  it("maps a direct invocation to transport invoke, re-serialising the parsed payload", () => {
    const req = fromLambdaInvocation({ request_param: { time: 1 } }, { awsRequestId: "aws-2" }, 0);
    expect(req).toMatchObject({ transport: "invoke", method: "INVOKE", requestId: "aws-2" });
    expect(req.body.toString()).toBe('{"request_param":{"time":1}}');
  });

  it("answers {statusCode, headers, body, isBase64Encoded}", () => {
    const result = toLambdaHttpResult({ status: 200, headers: { "content-type": "application/json" }, body: "{}" });
    expect(result).toEqual({ statusCode: 200, headers: { "content-type": "application/json" }, body: "{}", isBase64Encoded: false });
  });
});
