// The floor's runtime adapter: only what any receiver must do to read an FC 3.0 Buffer or a Lambda v2 event.
import { timingSafeEqual } from "node:crypto";
import { parse } from "lossless-json";

export interface FloorRequest {
  readonly query: Record<string, string>;
  /** Lambda lower-cases header names; FC keeps the sender's case. */
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly fc: boolean;
}

export function readEvent(event: any): FloorRequest {
  if (Buffer.isBuffer(event)) {
    const e = JSON.parse(event.toString("utf8"));
    return { query: e.queryParameters ?? {}, headers: e.headers ?? {}, body: bodyText(e.body, e.isBase64Encoded), fc: true };
  }
  return { query: event.queryStringParameters ?? {}, headers: event.headers ?? {}, body: bodyText(event.body, event.isBase64Encoded), fc: false };
}

function bodyText(body: string | undefined, base64: boolean | undefined): string {
  return base64 ? Buffer.from(body ?? "", "base64").toString("utf8") : body ?? "";
}

export function header(req: FloorRequest, lowerName: string): string | undefined {
  const exact = req.headers[lowerName];
  if (exact !== undefined || !req.fc) return exact;
  for (const key in req.headers) if (key.toLowerCase() === lowerName) return req.headers[key];
  return undefined;
}

/** Bare integers beyond 2^53 (Tencent's numeric accounts) must keep their digits: the one case JSON.parse cannot take. */
const BARE_LONG_INTEGER = /[:,[]\s*-?\d{16}/;
const keepLarge = (text: string) => (Number.isSafeInteger(Number(text)) || /[.eE]/.test(text) ? Number(text) : text);

export function parseBody(text: string): unknown {
  return BARE_LONG_INTEGER.test(text) ? parse(text, null, keepLarge) : JSON.parse(text);
}

/** Constant-time comparison of two digests in the same letter case. */
export function sameDigest(expected: string, received: string | undefined): boolean {
  if (received === undefined || received.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(received));
}

export function reply(status: number, body: string) {
  return { statusCode: status, headers: { "content-type": "application/json; charset=utf-8" }, body, isBase64Encoded: false };
}

/** One JSON line per accepted event, as every receiver here writes (see BENCHMARKS.md on fairness). */
export function logAccepted(platform: string, callback: string, id: string, data: unknown): void {
  process.stdout.write(`${JSON.stringify({ level: "info", time: new Date().toISOString(), msg: "callback accepted", event: { id, platform, callback, data } })}\n`);
}
