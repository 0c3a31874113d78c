import { createHash } from "node:crypto";
import { header, type InboundRequest } from "../../core/inbound";
import { safeEqual } from "../../core/crypto";
import { formFields, isFormBody } from "./params";

/**
 * The TOP SPI signature: UPPERCASE hex MD5 of
 * secret + (sorted key+value of query, `top-sign-list` headers and form fields, without `sign`) + raw body (unless a form) + secret.
 */
export function topSign(secret: string, req: InboundRequest): string {
  const params: Record<string, string> = { ...req.query };
  const signList = header(req, "top-sign-list");
  if (signList) {
    for (const name of signList.split(",").map((s) => s.trim()).filter(Boolean)) params[name] = header(req, name) ?? "";
  }
  const form = isFormBody(req);
  if (form) for (const [key, value] of Object.entries(formFields(req))) if (!(key in req.query)) params[key] = value;

  const md5 = createHash("md5").update(secret, "utf8");
  for (const key of Object.keys(params).sort()) if (key !== "sign") md5.update(key + params[key], "utf8");
  if (!form) md5.update(req.body);
  return md5.update(secret, "utf8").digest("hex").toUpperCase();
}

/** `top-sign-list` and the headers it names: what the TOP sign covers beyond query, form and body. */
export function topSignedHeaders(req: InboundRequest): string[] {
  const list = header(req, "top-sign-list");
  return list === undefined ? [] : ["top-sign-list", ...list.split(",").map((name) => name.trim().toLowerCase()).filter(Boolean)];
}

export function verifyTopSign(secrets: readonly string[], req: InboundRequest, sign: string): boolean {
  const received = sign.toUpperCase();
  let matched = false;
  for (const secret of secrets) matched = safeEqual(topSign(secret, req), received) || matched;
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
