// What every floor receiver shares: reading an FC 3.0 Buffer or a Lambda v2 event, a constant-time
// compare, an in-memory dedupe and nonce memory (bounded, oldest eighth out, as the product's), and the
// accepted-event log line with the product's bytes.
import { timingSafeEqual } from "node:crypto";

export interface FloorRequest {
  readonly path: string;
  readonly query: Record<string, string>;
  /** Lambda lower-cases header names; FC keeps the sender's case. */
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly fc: boolean;
  readonly receivedAt: number;
}

export function readEvent(event: any): FloorRequest {
  const receivedAt = Date.now();
  if (Buffer.isBuffer(event)) {
    const e = JSON.parse(event.toString("utf8"));
    return { path: e.rawPath ?? "/", query: e.queryParameters ?? {}, headers: e.headers ?? {}, body: bodyText(e.body, e.isBase64Encoded), fc: true, receivedAt };
  }
  return {
    path: event.rawPath ?? "/",
    query: event.queryStringParameters ?? {},
    headers: event.headers ?? {},
    body: bodyText(event.body, event.isBase64Encoded),
    fc: false,
    receivedAt,
  };
}

function bodyText(body: string | undefined, base64: boolean | undefined): string {
  return base64 ? Buffer.from(body ?? "", "base64").toString("utf8") : (body ?? "");
}

export function header(req: FloorRequest, lowerName: string): string | undefined {
  const exact = req.headers[lowerName];
  if (exact !== undefined || !req.fc) return exact;
  for (const key in req.headers) if (key.toLowerCase() === lowerName) return req.headers[key];
  return undefined;
}

/** Constant-time comparison of two digests in the same letter case. */
export function sameDigest(expected: string, received: string | undefined): boolean {
  if (received === undefined || received.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(received));
}

export function reply(status: number, body: string) {
  return { statusCode: status, headers: { "content-type": "application/json; charset=utf-8" }, body, isBase64Encoded: false };
}

const LIMIT = 10_000;

/** Ids already accepted on this instance: a retry is acknowledged without a second delivery. */
export class Dedupe {
  private readonly seen = new Set<string>();
  /** True the first time an id is claimed. */
  claim(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > LIMIT) {
      let drop = LIMIT >> 3;
      for (const key of this.seen) if ((this.seen.delete(key), --drop === 0)) break;
    }
    return true;
  }
}

/** SUD's (app, timestamp, nonce) with the body's digest, while the window could let it pass again. */
export class NonceMemory {
  private readonly entries = new Map<string, { digest: string; expiresAt: number }>();
  /** "first", "same" (a retry of the same body) or "different" (a replayed signature). */
  remember(key: string, digest: string, ttlMs: number, now: number): "first" | "same" | "different" {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) return entry.digest === digest ? "same" : "different";
    this.entries.delete(key);
    this.entries.set(key, { digest, expiresAt: now + ttlMs });
    if (this.entries.size > LIMIT) {
      let drop = LIMIT >> 3;
      for (const key of this.entries.keys()) if ((this.entries.delete(key), --drop === 0)) break;
    }
    return "first";
  }
}

export interface Accepted {
  readonly id: string;
  readonly platform: string;
  readonly callback: string;
  readonly subEvent?: string;
  readonly eventTime: number | undefined;
  readonly receivedAt: number;
  readonly data: unknown;
  readonly answer?: unknown;
}

/** The product's accepted line: `{"level":"info","time":…,"msg":"callback accepted","event":{…},"targets":[]}`. */
export function logAccepted(e: Accepted): void {
  const event =
    e.subEvent === undefined
      ? { id: e.id, platform: e.platform, callback: e.callback, known: true, eventTime: e.eventTime, receivedAt: e.receivedAt, data: e.data, answer: e.answer }
      : {
          id: e.id,
          platform: e.platform,
          callback: e.callback,
          known: true,
          subEvent: e.subEvent,
          eventTime: e.eventTime,
          receivedAt: e.receivedAt,
          data: e.data,
          answer: e.answer,
        };
  process.stdout.write(`${JSON.stringify({ level: "info", time: new Date().toISOString(), msg: "callback accepted", event, targets: [] })}\n`);
}
