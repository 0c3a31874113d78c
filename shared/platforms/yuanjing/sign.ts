import { createHash } from "node:crypto";
import { header, type InboundRequest } from "../../core/inbound";
import { safeEqual } from "../../core/crypto";
import { signListOf, type TopParams, topParams } from "./params";

/**
 * The TOP SPI signature: UPPERCASE hex MD5 of
 * secret + (sorted key+value of query, `top-sign-list` headers and form fields, without `sign`) + raw body (unless a form) + secret.
 * Each parameter comes from one place (topParams refuses a request where one does not), so no merge order matters.
 */
export function topSignOf(secret: string, params: TopParams, body: Buffer): string {
  const md5 = createHash("md5").update(secret, "utf8");
  for (const key of [...params.values.keys()].sort()) if (key !== "sign") md5.update(key + params.values.get(key)!, "utf8");
  if (!params.form) md5.update(body);
  return md5.update(secret, "utf8").digest("hex").toUpperCase();
}

/** The sign of a whole request, for senders; throws when a parameter arrives in two places, which no function accepts. */
export function topSign(secret: string, req: InboundRequest): string {
  const params = topParams(req);
  if (!params.ok) throw new Error(`cannot sign this request: ${params.message}`);
  return topSignOf(secret, params.value, req.body);
}

/** `top-sign-list` and the headers it names: what the TOP sign covers beyond query, form and body. */
export function topSignedHeaders(req: InboundRequest): string[] {
  return header(req, "top-sign-list") === undefined ? [] : ["top-sign-list", ...signListOf(req).map((name) => name.toLowerCase())];
}

/** False also for a request whose parameters clash (see topParams). */
export function verifyTopSign(secrets: readonly string[], req: InboundRequest, sign: string): boolean {
  const params = topParams(req);
  if (!params.ok) return false;
  const received = sign.toUpperCase();
  let matched = false;
  for (const secret of secrets) matched = safeEqual(topSignOf(secret, params.value, req.body), received) || matched;
  return matched;
}

/** TOP's `timestamp` is `yyyy-MM-dd HH:mm:ss` in Beijing time (UTC+8). */
export function parseTopTimestamp(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s) - 8 * 3600 * 1000;
  return Number.isFinite(utc) ? utc : undefined;
}

export function formatTopTimestamp(epochMs: number): string {
  return new Date(epochMs + 8 * 3600 * 1000).toISOString().slice(0, 19).replace("T", " ");
}
