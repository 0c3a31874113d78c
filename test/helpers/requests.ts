/**
 * Signed platform requests, built the way each platform sends them. Values are for tests only; the
 * secrets are distinctive so a test can assert they never show up in an answer or a log line.
 */
import { randomBytes } from "node:crypto";
import { httpCall, type HttpCall } from "./events";
import { sudSign, tencentSign, topSign, topTimestamp } from "./sign";

export const TENCENT_APP_ID = "1400123456";
export const TENCENT_TOKEN = "tc-token-SECRET-7Hq2";
export const SUD_APP_ID = "1461564080052506636";
export const SUD_SECRET = "sud-secret-SECRET-P4x9";
export const TOP_APP_KEY = "12345678";
export const TOP_SECRET = "top-secret-SECRET-K2m8";
/** DEAD_LETTER_KEY: the base64 of 32 distinctive bytes, so a leak of either form is easy to spot. */
export const LETTER_KEY_TEXT = "dead-letter-key-SECRET-for-tests";
export const LETTER_KEY = Buffer.from(LETTER_KEY_TEXT).toString("base64");

/** A fixed "now" for tests that need a clock: 2026-11-21 04:00:00 UTC. */
export const NOW_MS = Date.UTC(2026, 10, 21, 4, 0, 0);

export interface TencentCallOptions {
  readonly command: string;
  /** JSON text (kept byte for byte) or a value to serialise. */
  readonly body: string | object;
  readonly appId?: string;
  /** Sign with this token (adds Sign + RequestTime). */
  readonly token?: string;
  /** RequestTime, seconds; defaults to the clock's now. */
  readonly requestTime?: number;
  readonly now?: number;
  /** Query parameters added or replaced (undefined removes one). */
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly method?: string;
}

/** A Tencent Live callback: POST JSON, command and app id in the query, optionally signed. */
export function tencentCall(options: TencentCallOptions): HttpCall {
  const query: Record<string, string | undefined> = {
    SdkAppid: options.appId ?? TENCENT_APP_ID,
    CallbackCommand: options.command,
    contenttype: "json",
    ClientIP: "198.51.100.20",
    OptPlatform: "RESTAPI",
  };
  if (options.token !== undefined) {
    const requestTime = options.requestTime ?? Math.floor((options.now ?? NOW_MS) / 1000);
    query.RequestTime = String(requestTime);
    query.Sign = tencentSign(options.token, requestTime);
  }
  Object.assign(query, options.query);
  return httpCall({
    method: options.method ?? "POST",
    path: "/tencent/callback",
    query: definedOnly(query),
    headers: { "Content-Type": "application/json; charset=utf-8", "User-Agent": "Tencent-Live-Callback" },
    body: typeof options.body === "string" ? options.body : JSON.stringify(options.body),
  });
}

export interface SudCallOptions {
  /** The exact body text. */
  readonly body: string | Buffer;
  readonly appId?: string;
  readonly secret?: string;
  /** Sud-Timestamp; defaults to the clock's now, in seconds. */
  readonly timestamp?: string;
  readonly now?: number;
  /** Sud-Nonce; a fresh one for each call by default, as SUD sends. */
  readonly nonce?: string;
  /** Headers added or replaced after signing (undefined removes one). */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly method?: string;
  /** The URL path (an app-server interface is its last segment). */
  readonly path?: string;
}

/** A SUD notification: POST JSON with the four Sud-* headers, HMAC-SHA1 over the exact body. */
export function sudCall(options: SudCallOptions): HttpCall {
  const appId = options.appId ?? SUD_APP_ID;
  const timestamp = options.timestamp ?? String(Math.floor((options.now ?? NOW_MS) / 1000));
  const nonce = options.nonce ?? randomBytes(12).toString("base64url").slice(0, 16);
  const headers: Record<string, string | undefined> = {
    "Content-Type": "application/json",
    "Sud-AppId": appId,
    "Sud-Timestamp": timestamp,
    "Sud-Nonce": nonce,
    "Sud-Signature": sudSign(options.secret ?? SUD_SECRET, appId, timestamp, nonce, options.body),
  };
  Object.assign(headers, options.headers);
  return httpCall({ method: options.method ?? "POST", path: options.path ?? "/sud/notify", headers: definedOnly(headers), body: options.body });
}

/** A SUD notify envelope around `data`, as JSON text. */
export function sudEnvelope(notifyEvent: string, data: unknown, notifyId = "0795d77f85789da0eb387a5096"): string {
  return JSON.stringify({ notify_id: notifyId, notify_time: "1647834452408", app_id: SUD_APP_ID, notify_event: notifyEvent, data });
}

export interface TopCallOptions {
  /** A JSON (or other non-form) body, signed raw. */
  readonly body?: string;
  /** Form fields: the body is form-encoded and the fields are signed instead of the body. */
  readonly form?: Readonly<Record<string, string>>;
  /** Sign with this secret; no `sign` at all when undefined. */
  readonly secret?: string;
  /** When TOP sent it (the `timestamp` parameter); defaults to NOW_MS. */
  readonly at?: number;
  readonly format?: "json" | "xml";
  /** Extra query parameters (signed). */
  readonly query?: Readonly<Record<string, string>>;
  /** Headers listed in `top-sign-list` and sent (undefined: listed but not sent). */
  readonly signedHeaders?: Readonly<Record<string, string | undefined>>;
  readonly method?: string;
}

/** The 元镜 SPI over HTTP as TOP calls it: TOP parameters in the query, signed with MD5. */
export function topCall(options: TopCallOptions): HttpCall {
  const query: Record<string, string> = {
    app_key: TOP_APP_KEY,
    timestamp: topTimestamp(options.at ?? NOW_MS),
    sign_method: "md5",
    target_app_key: "87654321",
    format: options.format ?? "json",
    ...options.query,
  };
  const headers: Record<string, string> = {};
  const signedHeaders = options.signedHeaders ?? {};
  if (Object.keys(signedHeaders).length) headers["top-sign-list"] = Object.keys(signedHeaders).join(",");
  for (const [name, value] of Object.entries(signedHeaders)) if (value !== undefined) headers[name] = value;

  let body: string;
  if (options.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded;charset=utf-8";
    body = new URLSearchParams(options.form as Record<string, string>).toString();
  } else {
    headers["Content-Type"] = "application/json;charset=utf-8";
    body = options.body ?? "";
  }
  if (options.secret !== undefined) {
    query.sign = topSign(options.secret, { query, signedHeaders, ...(options.form ? { form: options.form } : { body }) });
  }
  return httpCall({ method: options.method ?? "POST", path: "/yuanjing/spi", query, headers, body });
}

function definedOnly(record: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out;
}
