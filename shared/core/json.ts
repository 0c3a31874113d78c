import { isInteger, isSafeNumber, parse } from "lossless-json";
import { type Checked, fail, ok } from "./outcome";

// A run of 16+ digits may be an integer beyond 2^53 that JSON.parse would round.
const LONG_DIGITS = /\d{16}/;

function keepLargeIntegers(text: string): number | string {
  return isInteger(text) && !isSafeNumber(text) ? text : Number(text);
}

/**
 * Parses JSON so that integers beyond 2^53 keep every digit (as strings). The plain JSON.parse
 * path is taken when no long digit run exists, which is nearly always.
 */
export function parseJson(text: string): Checked<unknown> {
  try {
    return ok(LONG_DIGITS.test(text) ? parse(text, null, keepLargeIntegers) : JSON.parse(text));
  } catch (error) {
    return fail("malformed", `body is not valid JSON: ${(error as Error).message}`);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
