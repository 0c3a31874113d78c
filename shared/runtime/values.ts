import { asText } from "../core/inbound";

/**
 * Query parameters as the pipeline expects them: names as sent, every value a string. Runtimes
 * comma-join repeated values already; an array (or a number) from an unusual caller is made to fit
 * the same shape rather than reaching the platforms as something else.
 */
export function stringValues(record: Readonly<Record<string, unknown>> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof record !== "object" || record === null) return out;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === undefined || value === null) continue;
    // The usual value is a string already: no call to make it one.
    out[key] = typeof value === "string" ? value : asText(value);
  }
  return out;
}

/** A body as the runtimes send it: text (maybe base64), or absent. */
export function isBodyField(value: unknown): value is string | undefined | null {
  return value === undefined || value === null || typeof value === "string";
}

/** A body as the request carried it: base64 decoded when the runtime says so, else UTF-8 text. */
export function decodeBody(body: string | null | undefined, base64: boolean): { body: Buffer; unreadable?: string } {
  if (!base64) return { body: Buffer.from(body ?? "", "utf8") };
  // Line breaks and spaces are allowed (MIME wraps base64); anything else outside the alphabet is not.
  const text = /[\t\n\r ]/.test(body ?? "") ? (body ?? "").replace(/[\t\n\r ]/g, "") : (body ?? "");
  if (!isBase64(text)) return { body: Buffer.alloc(0), unreadable: "body is not valid base64" };
  return { body: Buffer.from(text, "base64") };
}

/**
 * Standard, padded base64, as FC and Lambda encode. Buffer.from(text, "base64") would skip any
 * character it does not know and decode the rest, so a damaged body would fail as a bad signature.
 */
function isBase64(text: string): boolean {
  if (text.length % 4 !== 0) return false;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return !/[^A-Za-z0-9+/]/.test(text.slice(0, text.length - padding));
}
