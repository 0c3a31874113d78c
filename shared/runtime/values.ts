/**
 * Query parameters as the pipeline expects them: names as sent, every value a string. Runtimes
 * comma-join repeated values already; an array (or a number) from an unusual caller is made to fit
 * the same shape rather than reaching the platforms as something else.
 */
export function stringValues(record: Readonly<Record<string, unknown>> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof record !== "object" || record === null) return out;
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || value === null) continue;
    out[key] = Array.isArray(value) ? value.join(",") : String(value);
  }
  return out;
}

/** A body as the runtimes send it: text (maybe base64), or absent. */
export function isBodyField(value: unknown): value is string | undefined | null {
  return value === undefined || value === null || typeof value === "string";
}
