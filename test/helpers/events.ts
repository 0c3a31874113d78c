/**
 * One HTTP call described once (`HttpCall`), and the shapes each runtime hands a function for it:
 * the pipeline's InboundRequest, an FC 3.0 HTTP-trigger event (object or the Buffer FC really passes)
 * and an AWS Lambda HTTP API v2 / Function URL event.
 */
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { type InboundRequest, invocation as invocationRequest } from "../../shared/core/inbound";
import type { FcHttpTriggerEvent } from "../../scripts/emulator/fc/http-event";

export interface HttpCall {
  readonly method: string;
  readonly path: string;
  /** URL-decoded query parameters, as the runtimes hand them over. */
  readonly query: Readonly<Record<string, string>>;
  /** Header names in the sender's case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export function httpCall(parts: Partial<Omit<HttpCall, "body">> & { body?: string | Buffer }): HttpCall {
  const body = parts.body === undefined ? Buffer.alloc(0) : typeof parts.body === "string" ? Buffer.from(parts.body, "utf8") : parts.body;
  return { method: parts.method ?? "POST", path: parts.path ?? "/", query: parts.query ?? {}, headers: parts.headers ?? {}, body };
}

/** The request as the runtime adapters give it to the pipeline (header names lower-cased). */
export function toInbound(call: HttpCall, receivedAt: number, extra: Partial<InboundRequest> = {}): InboundRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.headers)) headers[name.toLowerCase()] = value;
  return { transport: "http", method: call.method, path: call.path, query: { ...call.query }, headers, body: call.body, receivedAt, ...extra };
}

/** A direct invocation (FC InvokeFunction / event trigger): the payload bytes and nothing else. */
export function invocation(payload: string | Buffer, receivedAt: number): InboundRequest {
  return invocationRequest(typeof payload === "string" ? Buffer.from(payload, "utf8") : payload, receivedAt, undefined, undefined);
}

/** The JSON of an FC 3.0 HTTP trigger event; the body goes base64 unless `base64: false`. */
export function fcHttpEvent(call: HttpCall, options: { base64?: boolean; at?: number } = {}): FcHttpTriggerEvent {
  const base64 = options.base64 ?? true;
  const at = options.at ?? Date.now();
  return {
    version: "v1",
    rawPath: call.path,
    headers: { ...call.headers },
    queryParameters: { ...call.query },
    body: base64 ? call.body.toString("base64") : call.body.toString("utf8"),
    isBase64Encoded: base64,
    requestContext: {
      accountId: "1234567890123456",
      domainName: "example.cn-hangzhou.fcapp.run",
      domainPrefix: "example",
      triggerId: "test-trigger",
      requestId: "1-test-request",
      time: new Date(at).toISOString(),
      timeEpoch: String(at),
      http: { method: call.method, path: call.path, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "test" },
    },
  };
}

/** What FC 3.0's Node.js runtime really passes the handler for an HTTP trigger: a Buffer of that JSON. */
export function fcHttpBuffer(call: HttpCall, options: { base64?: boolean; at?: number } = {}): Buffer {
  return Buffer.from(JSON.stringify(fcHttpEvent(call, options)), "utf8");
}

/** An AWS Lambda HTTP API (payload 2.0) / Function URL event; header names lower-cased as AWS does. */
export function lambdaHttpEvent(call: HttpCall, options: { base64?: boolean; at?: number } = {}): APIGatewayProxyEventV2 {
  const base64 = options.base64 ?? false;
  const at = options.at ?? Date.now();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.headers)) headers[name.toLowerCase()] = value;
  const rawQueryString = new URLSearchParams(call.query as Record<string, string>).toString();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: call.path,
    rawQueryString,
    headers,
    queryStringParameters: Object.keys(call.query).length ? { ...call.query } : undefined,
    body: base64 ? call.body.toString("base64") : call.body.toString("utf8"),
    isBase64Encoded: base64,
    requestContext: {
      accountId: "123456789012",
      apiId: "abcdefghij",
      domainName: "abcdefghij.lambda-url.ap-southeast-1.on.aws",
      domainPrefix: "abcdefghij",
      http: { method: call.method, path: call.path, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "test" },
      requestId: "lambda-test-request",
      routeKey: "$default",
      stage: "$default",
      time: new Date(at).toUTCString(),
      timeEpoch: at,
    },
  };
}
