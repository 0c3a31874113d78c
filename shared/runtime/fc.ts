import { type InboundRequest, invocation, lowerCaseKeys } from "../core/inbound";
import type { Answer } from "../core/platform";
import { decodeBody, isBodyField, stringValues } from "./values";

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

/** What FC handed the function: an HTTP-trigger event, a direct invocation's payload, or a trigger event it cannot read. */
export type FcEvent =
  | { readonly kind: "http"; readonly event: FcHttpEvent }
  | { readonly kind: "invoke" }
  | { readonly kind: "unrecognised"; readonly problem: string; readonly event: Readonly<Record<string, unknown>> };

/**
 * Keys FC puts in every HTTP-trigger event and a direct invocation's payload has no reason to hold.
 * `headers` and `body` are not among them: an invocation payload may carry its own.
 */
const TRIGGER_KEYS = ["rawPath", "requestContext", "isBase64Encoded", "queryParameters"] as const;

/**
 * The rule: a JSON object with a `version` key and at least one of TRIGGER_KEYS is an HTTP-trigger
 * event; anything else is a direct invocation's payload, which may be any bytes (元镜's SPI JSON,
 * whose `request_param` alone may carry a `version`). A trigger-shaped event that is not a readable
 * `v1` is refused as unrecognised, rather than taken for an invocation and answered misleadingly.
 */
export function classifyFcEvent(bytes: Buffer): FcEvent {
  // An HTTP trigger event is a JSON object that starts with `{`: anything else is not parsed at all.
  const first = bytes.subarray(0, 64).toString("latin1").trimStart()[0];
  if (first !== "{") return { kind: "invoke" };
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch {
    return { kind: "invoke" };
  }
  if (!isObject(value) || !Object.hasOwn(value, "version") || !TRIGGER_KEYS.some((key) => Object.hasOwn(value, key))) return { kind: "invoke" };
  const problem = v1Problem(value);
  return problem ? { kind: "unrecognised", problem: `unrecognised FC event (${problem})`, event: value } : { kind: "http", event: value as unknown as FcHttpEvent };
}

/** What keeps a trigger-shaped event from being FC's `v1` HTTP event, if anything. */
function v1Problem(event: Readonly<Record<string, unknown>>): string | undefined {
  if (event.version !== "v1") {
    const version = typeof event.version === "string" ? event.version : (JSON.stringify(event.version) ?? String(event.version));
    return `version ${version.length > 32 ? `${version.slice(0, 32)}…` : version}`;
  }
  const context = event.requestContext;
  if (!isObject(context) || !isObject(context.http) || typeof context.http.method !== "string") return "v1 without requestContext.http.method";
  if (!isBodyField(event.body)) return "v1 body is not a string";
  if (event.isBase64Encoded !== undefined && typeof event.isBase64Encoded !== "boolean") return "v1 isBase64Encoded is not a boolean";
  for (const key of ["headers", "queryParameters"] as const) {
    if (event[key] !== undefined && event[key] !== null && !isObject(event[key])) return `v1 ${key} is not an object`;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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
    lowerCaseKeys(event.headers)["x-acs-action"] === "InvokeFunction" && INVOKE_API_PATH.test(event.rawPath) && (event.requestContext.domainName ?? "").endsWith(INVOKE_API_DOMAIN)
  );
}

export function fromFcHttpEvent(event: FcHttpEvent, context: FcContext | undefined, receivedAt: number): InboundRequest {
  const { body, unreadable } = decodeBody(event.body, event.isBase64Encoded === true);
  return {
    transport: "http",
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath || event.requestContext.http.path || "/",
    query: stringValues(event.queryParameters),
    headers: lowerCaseKeys(event.headers),
    body,
    receivedAt,
    deadlineAt: fcDeadline(context, receivedAt),
    sourceIp: event.requestContext.http.sourceIp,
    requestId: event.requestContext.requestId || context?.requestId,
    unreadable,
  };
}

/** A trigger-shaped event that is not FC's `v1` (see classifyFcEvent): an HTTP request to refuse, with what could be read. */
export function fromUnrecognisedFcEvent(problem: string, event: Readonly<Record<string, unknown>>, context: FcContext | undefined, receivedAt: number): InboundRequest {
  const http = isObject(event.requestContext) && isObject(event.requestContext.http) ? event.requestContext.http : {};
  return {
    transport: "http",
    method: typeof http.method === "string" ? http.method.toUpperCase() : "POST",
    path: typeof event.rawPath === "string" && event.rawPath ? event.rawPath : "/",
    query: isObject(event.queryParameters) ? stringValues(event.queryParameters) : {},
    headers: isObject(event.headers) ? lowerCaseKeys(event.headers) : {},
    body: Buffer.alloc(0),
    receivedAt,
    deadlineAt: fcDeadline(context, receivedAt),
    requestId: context?.requestId,
    unreadable: problem,
  };
}

/** An FC 3.0 InvokeFunction call that arrived HTTP-shaped (see isFcApiInvocation): a direct invocation of its body. */
export function fromFcApiInvocation(event: FcHttpEvent, context: FcContext | undefined, receivedAt: number): InboundRequest {
  const { body, unreadable } = decodeBody(event.body, event.isBase64Encoded === true);
  return { ...fromFcInvocation(body, context, receivedAt), unreadable };
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
