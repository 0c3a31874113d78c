import { randomUUID } from "node:crypto";
import type { Invocation } from "../host/function-host";
import { type HttpAnswer, toHttpAnswer } from "../http/answer";
import { headerValue, joinedQuery, type RawRequest } from "../http/raw-request";
import type { FcEntry } from "../registry";
import type { RequestLogEntry } from "../request-log";
import { callbackName } from "../request-log";
import { readVerdict } from "../verdict";
import { fcContext, fcHttpEvent } from "./http-event";

export interface Handled {
  readonly answer: HttpAnswer;
  readonly log?: RequestLogEntry;
}

/** An FC 3.0 HTTP trigger: the request becomes the `v1` event JSON, handed over as a Buffer. */
export async function handleFcTrigger(entry: FcEntry, raw: RawRequest, rawPath: string, accountId: string): Promise<Handled> {
  const { spec, host } = entry;
  const requestId = randomUUID();
  const trigger = spec.httpTrigger;
  if (!trigger) return { answer: fcError(404, "TriggerNotFound", `function ${spec.name} has no HTTP trigger in s.yaml`, requestId) };
  if (trigger.methods.length > 0 && !trigger.methods.includes(raw.method)) {
    return { answer: fcError(405, "MethodNotAllowed", `the HTTP trigger of ${spec.name} allows ${trigger.methods.join(", ")}`, requestId) };
  }
  if (trigger.authType !== "anonymous" && !headerValue(raw, "authorization")) {
    return { answer: fcError(403, "AccessDenied", `the HTTP trigger of ${spec.name} requires a signed request (authType ${trigger.authType})`, requestId) };
  }
  const event = fcHttpEvent(raw, { accountId, domainName: headerValue(raw, "host") ?? "127.0.0.1", rawPath, requestId, functionName: spec.name });
  const context = fcContext(spec, requestId, accountId);
  const invocation = await host.invoke({ kind: "bytes", data: Buffer.from(JSON.stringify(event)) }, context);
  const answer = invocation.ok ? toHttpAnswer(invocation.result, "fc") : functionError(invocation, requestId, 502);
  answer.headers["x-fc-request-id"] = requestId;
  return { answer, log: logEntry("fc-http", spec.key, raw, answer, invocation) };
}

/** FC's answer when the function itself failed: the error as JSON, and X-Fc-Error-Type. */
export function functionError(invocation: Extract<Invocation, { ok: false }>, requestId: string, status: number): HttpAnswer {
  const body = { errorMessage: invocation.error.message, errorType: invocation.error.name, stackTrace: invocation.error.stack };
  return {
    status,
    headers: { "content-type": "application/json", "x-fc-error-type": "UnhandledInvocationError", "x-fc-request-id": requestId },
    body: Buffer.from(JSON.stringify(body)),
  };
}

/** FC's own error shape for requests that never reach a function. */
export function fcError(status: number, code: string, message: string, requestId = randomUUID()): HttpAnswer {
  return {
    status,
    headers: { "content-type": "application/json", "x-fc-request-id": requestId },
    body: Buffer.from(JSON.stringify({ ErrorCode: code, ErrorMessage: message, RequestId: requestId })),
  };
}

export function logEntry(via: RequestLogEntry["via"], fn: string, raw: RawRequest, answer: HttpAnswer, invocation: Invocation): RequestLogEntry {
  const base = {
    via,
    fn,
    method: raw.method,
    path: raw.path,
    status: answer.status,
    callback: callbackName(joinedQuery(raw.rawQuery), raw.body, fn, raw.path),
    durationMs: invocation.durationMs,
    coldStartMs: invocation.coldStartMs,
    build: invocation.build,
  };
  if (!invocation.ok) return { ...base, note: `${invocation.failure === "timeout" ? "timed out" : "function failed"}: ${invocation.error.message}` };
  const text = answer.body.toString("utf8");
  // An invocation that returns an HTTP-shaped result (an FC 3.0 v1 event's answer): read the ack inside.
  const inner = httpShaped(text);
  return { ...base, verdict: readVerdict(inner?.statusCode ?? answer.status, inner?.body ?? text) };
}

function httpShaped(text: string): { statusCode: number; body: string } | undefined {
  if (!text.startsWith('{"statusCode"')) return undefined;
  try {
    const value = JSON.parse(text) as { statusCode?: unknown; body?: unknown };
    return typeof value.statusCode === "number" && typeof value.body === "string" ? { statusCode: value.statusCode, body: value.body } : undefined;
  } catch {
    return undefined;
  }
}
