import type { IncomingMessage } from "node:http";

/** One HTTP request as it came off the wire: header names in the sender's case, the exact body bytes. */
export interface RawRequest {
  readonly method: string;
  /** Path without the query, still percent-encoded. */
  readonly path: string;
  /** The query string without `?`, as sent. */
  readonly rawQuery: string;
  /** Name/value pairs in order, names as sent. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly protocol: string;
  readonly receivedAt: number;
}

export class BodyTooLarge extends Error {}

/** Reads the whole request; stops reading (and throws) past `limit` bytes. */
export async function readRawRequest(req: IncomingMessage, limit: number): Promise<RawRequest> {
  const receivedAt = Date.now();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge(`body exceeds ${limit} bytes`);
    chunks.push(chunk);
  }
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  return {
    method: (req.method ?? "GET").toUpperCase(),
    path: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? "" : url.slice(q + 1),
    rawHeaders: req.rawHeaders,
    body: Buffer.concat(chunks),
    sourceIp: (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, ""),
    protocol: `HTTP/${req.httpVersion}`,
    receivedAt,
  };
}

/** Headers with repeats comma-joined; `lowerCase` for Lambda, names as first sent for FC. */
export function joinedHeaders(raw: RawRequest, lowerCase: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  const nameOf = new Map<string, string>();
  for (let i = 0; i + 1 < raw.rawHeaders.length; i += 2) {
    const sent = raw.rawHeaders[i]!;
    const key = sent.toLowerCase();
    const name = lowerCase ? key : (nameOf.get(key) ?? sent);
    nameOf.set(key, name);
    out[name] = out[name] === undefined ? raw.rawHeaders[i + 1]! : `${out[name]},${raw.rawHeaders[i + 1]!}`;
  }
  return out;
}

export function headerValue(raw: RawRequest, name: string): string | undefined {
  return joinedHeaders(raw, true)[name.toLowerCase()];
}

/** Query parameters URL-decoded, repeats comma-joined, as both runtimes hand them over. */
export function joinedQuery(rawQuery: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQuery)) out[name] = out[name] === undefined ? value : `${out[name]},${value}`;
  return out;
}

/** A body that is valid UTF-8 travels as text; anything else as base64, as the clouds do. */
export function encodeBody(body: Buffer): { body: string; isBase64Encoded: boolean } {
  try {
    return { body: new TextDecoder("utf-8", { fatal: true }).decode(body), isBase64Encoded: false };
  } catch {
    return { body: body.toString("base64"), isBase64Encoded: true };
  }
}
