/**
 * Signatures computed the way each platform computes them, written independently of the project's
 * own sign functions (node:crypto only), so a test signing with these checks the product for real.
 */
import { createHash, createHmac } from "node:crypto";

/** Tencent Live: lowercase hex SHA-256 of token + RequestTime (plain concatenation, not an HMAC). */
export function tencentSign(token: string, requestTime: string | number): string {
  return createHash("sha256").update(`${token}${requestTime}`, "utf8").digest("hex");
}

/** SUD: lowercase hex HMAC-SHA1 of `appId\ntimestamp\nnonce\nbody\n` over the exact body bytes. */
export function sudSign(secret: string, appId: string, timestamp: string, nonce: string, body: string | Buffer): string {
  const content = Buffer.concat([
    Buffer.from(`${appId}\n${timestamp}\n${nonce}\n`, "utf8"),
    typeof body === "string" ? Buffer.from(body, "utf8") : body,
    Buffer.from("\n", "utf8"),
  ]);
  return createHmac("sha1", secret).update(content).digest("hex");
}

export interface TopSignInput {
  /** URL-decoded query parameters (a `sign` among them is ignored). */
  readonly query: Readonly<Record<string, string>>;
  /** The headers named in `top-sign-list`, by the name used in that list; undefined counts as "". */
  readonly signedHeaders?: Readonly<Record<string, string | undefined>>;
  /** Form fields of a form-encoded body; when given, the body itself is not signed. */
  readonly form?: Readonly<Record<string, string>>;
  /** The raw body of a JSON / XML / text request. */
  readonly body?: string | Buffer;
}

/** TOP SPI: UPPERCASE hex MD5 of secret + sorted(key + value) + raw body (unless a form) + secret. */
export function topSign(secret: string, input: TopSignInput): string {
  const params = new Map<string, string>(Object.entries(input.query));
  for (const [name, value] of Object.entries(input.signedHeaders ?? {})) params.set(name, value ?? "");
  for (const [name, value] of Object.entries(input.form ?? {})) if (!Object.hasOwn(input.query, name)) params.set(name, value);
  const keys = [...params.keys()].filter((k) => k !== "sign").sort();
  const parts: Buffer[] = [Buffer.from(secret, "utf8")];
  for (const key of keys) parts.push(Buffer.from(key + params.get(key), "utf8"));
  if (!input.form && input.body !== undefined) parts.push(typeof input.body === "string" ? Buffer.from(input.body, "utf8") : input.body);
  parts.push(Buffer.from(secret, "utf8"));
  return createHash("md5").update(Buffer.concat(parts)).digest("hex").toUpperCase();
}

/** TOP's `timestamp`: `yyyy-MM-dd HH:mm:ss` in Beijing time (UTC+8, no daylight saving). */
export function topTimestamp(epochMs: number): string {
  const d = new Date(epochMs + 8 * 3600_000);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}
