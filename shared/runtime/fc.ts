import { type InboundRequest, invocation, lowerCaseKeys } from "../core/inbound";
import type { Answer } from "../core/platform";
import { isBodyField, stringValues } from "./values";

/** The JSON an FC 3.0 HTTP trigger hands the function, as a Buffer (`version: "v1"`). */
export interface FcHttpEvent {
  version: "v1";
  rawPath: string;
  headers?: Record<string, string>;
  queryParameters?: Record<string, string>;
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext: {
    accountId?: string;
    triggerId?: string;
    domainName?: string;
    domainPrefix?: string;
    requestId?: string;
    time?: string;
    timeEpoch?: string;
    http: { method: string; path?: string; protocol?: string; sourceIp?: string; userAgent?: string };
  };
}

export interface FcHttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

/** The parts of FC's context object this product reads. */
export interface FcContext {
  requestId?: string;
  function?: { timeout?: number };
}

export function parseFcHttpEvent(event: Buffer): FcHttpEvent | undefined {
  // An HTTP trigger event is a JSON object that starts with `{`; anything else is an invocation payload.
  const first = event.subarray(0, 64).toString("latin1").trimStart()[0];
  if (first !== "{") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(event.toString("utf8"));
  } catch {
    return undefined;
  }
  const candidate = value as Partial<FcHttpEvent> | null;
  // Anything else is not what an HTTP trigger sends: it is taken as an invocation payload instead of crashing here.
  return candidate?.version === "v1" && typeof candidate.requestContext?.http?.method === "string" && isBodyField(candidate.body)
    ? (candidate as FcHttpEvent)
    : undefined;
}

const INVOKE_API_PATH = /^\/\d{4}-\d{2}-\d{2}\/functions\/[^/]+\/invocations$/;
const INVOKE_API_DOMAIN = ".fc.aliyuncs.com";

/**
 * FC 3.0 hands a function that has an HTTP trigger a `v1` event even when it is called through the
 * InvokeFunction API (../shared/vendor/fc3/http-trigger-event.json is one). FC authenticated that
 * call itself, so it is a direct invocation of its body. Only FC's API domain and path count: a
 * request to the anonymous trigger URL cannot pose as one by sending an X-Acs-Action header.
 */
export function isFcApiInvocation(event: FcHttpEvent): boolean {
  return (
    lowerCaseKeys(event.headers)["x-acs-action"] === "InvokeFunction" &&
    INVOKE_API_PATH.test(event.rawPath) &&
    (event.requestContext.domainName ?? "").endsWith(INVOKE_API_DOMAIN)
  );
}

export function fromFcHttpEvent(event: FcHttpEvent, context: FcContext | undefined, receivedAt: number): InboundRequest {
  const body = event.body ?? "";
  return {
    transport: "http",
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath || event.requestContext.http.path || "/",
    query: stringValues(event.queryParameters),
    headers: lowerCaseKeys(event.headers),
    body: Buffer.from(body, event.isBase64Encoded ? "base64" : "utf8"),
    receivedAt,
    deadlineAt: fcDeadline(context, receivedAt),
    sourceIp: event.requestContext.http.sourceIp,
    requestId: event.requestContext.requestId || context?.requestId,
  };
}

/** The body of an FC 3.0 InvokeFunction call that arrived HTTP-shaped (see isFcApiInvocation). */
export function fcApiInvocationBody(event: FcHttpEvent): Buffer {
  return Buffer.from(event.body ?? "", event.isBase64Encoded ? "base64" : "utf8");
}

/** A direct invocation (InvokeFunction, event triggers): the Buffer is the payload itself. */
export function fromFcInvocation(payload: Buffer, context: FcContext | undefined, receivedAt: number): InboundRequest {
  return invocation(payload, receivedAt, fcDeadline(context, receivedAt), context?.requestId);
}

export function toFcHttpResult(answer: Answer): FcHttpResult {
  return { statusCode: answer.status, headers: { ...answer.headers }, body: answer.body, isBase64Encoded: false };
}

function fcDeadline(context: FcContext | undefined, receivedAt: number): number | undefined {
  const seconds = context?.function?.timeout;
  return typeof seconds === "number" && seconds > 0 ? receivedAt + seconds * 1000 : undefined;
}
