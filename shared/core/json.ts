import { isInteger, isSafeNumber, parse } from "lossless-json";
import { type Checked, fail, ok } from "./outcome";

// A bare number of 16+ digits may be an integer beyond 2^53 that JSON.parse would round. A number token
// always starts the text or follows `:`, `,` or `[`, so digits inside strings (SUD's 19-digit mg_id and
// app_id, Tencent's quoted accounts) do not send a body down the slow path: lossless-json takes about 5×
// as long as JSON.parse on these bodies (npm run bench, BENCHMARKS.md).
const BARE_LONG_NUMBER = /(?:^|[:,[])\s*-?\d{16}/;

function keepLargeIntegers(text: string): number | string {
  return isInteger(text) && !isSafeNumber(text) ? text : Number(text);
}

/**
 * Parses JSON so that integers beyond 2^53 keep every digit (as strings). The plain JSON.parse
 * path is taken when no bare long number exists, which is nearly always.
 */
export function parseJson(text: string): Checked<unknown> {
  try {
    return ok(BARE_LONG_NUMBER.test(text) ? parse(text, null, keepLargeIntegers) : JSON.parse(text));
  } catch (error) {
    return fail("malformed", `body is not valid JSON: ${(error as Error).message}`);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
