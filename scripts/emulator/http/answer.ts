import type { HandlerResult } from "../host/function-host";

/** What goes back on the wire. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

const JSON_TYPE = "application/json";

/**
 * A handler's return value as the HTTP trigger (FC) or HTTP API (AWS) turns it into a response:
 * `{statusCode, headers, body, isBase64Encoded}` is used as is; anything else becomes a 200 body.
 */
export function toHttpAnswer(result: HandlerResult, runtime: "fc" | "aws"): HttpAnswer {
  if (result.kind === "json") {
    const value = JSON.parse(result.text) as unknown;
    if (isStructured(value)) return structured(value);
    return { status: 200, headers: { "content-type": JSON_TYPE }, body: Buffer.from(result.text) };
  }
  if (result.kind === "string") {
    // HTTP API reads a bare string as a JSON body; FC passes it as text.
    return { status: 200, headers: { "content-type": runtime === "aws" ? JSON_TYPE : "text/plain; charset=utf-8" }, body: Buffer.from(result.text) };
  }
  if (result.kind === "bytes") return { status: 200, headers: { "content-type": "application/octet-stream" }, body: Buffer.from(result.data) };
  return { status: 200, headers: {}, body: Buffer.alloc(0) };
}

/** The bytes an InvokeFunction caller gets back: the handler's return value itself. */
export function invocationBody(result: HandlerResult): { body: Buffer; contentType: string } {
  switch (result.kind) {
    case "bytes":
      return { body: Buffer.from(result.data), contentType: "application/octet-stream" };
    case "string":
      return { body: Buffer.from(result.text), contentType: "text/plain; charset=utf-8" };
    case "json":
      return { body: Buffer.from(result.text), contentType: JSON_TYPE };
    default:
      return { body: Buffer.alloc(0), contentType: "application/octet-stream" };
  }
}

interface Structured {
  statusCode: number;
  headers?: Record<string, unknown>;
  cookies?: string[];
  body?: unknown;
  isBase64Encoded?: boolean;
}

function isStructured(value: unknown): value is Structured {
  return typeof value === "object" && value !== null && typeof (value as Structured).statusCode === "number";
}

function structured(value: Structured): HttpAnswer {
  const headers: Record<string, string | string[]> = {};
  for (const [name, v] of Object.entries(value.headers ?? {})) if (v !== undefined && v !== null) headers[name.toLowerCase()] = String(v);
  if (value.cookies?.length) headers["set-cookie"] = value.cookies;
  const text = value.body === undefined || value.body === null ? "" : typeof value.body === "string" ? value.body : JSON.stringify(value.body);
  return { status: value.statusCode, headers, body: Buffer.from(text, value.isBase64Encoded ? "base64" : "utf8") };
}
