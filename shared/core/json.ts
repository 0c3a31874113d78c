import { randomBytes } from "node:crypto";
import { type Checked, fail, ok } from "./outcome";

/**
 * Deeper bodies are refused: no platform nests this far, and every serialiser after the parse (the
 * log line, forwards, dead letters, digests) recurses once per level.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Parses a body by one rule for all: nesting limited to MAX_JSON_DEPTH, a key twice in one object
 * refused (JSON.parse would take the last, another parser the first: two readings of one signed
 * body), and integers beyond 2^53 as bigints with every digit. One linear pre-scan checks the first
 * two and finds the integers a double cannot hold; then JSON.parse does the parsing.
 */
export function parseJson(text: string): Checked<unknown> {
  const scan = scanJson(text);
  if (scan.problem) return fail("malformed", `body ${scan.problem}`);
  try {
    return ok(scan.bigIntegers.length === 0 ? JSON.parse(text) : parseWithBigIntegers(text, scan.bigIntegers));
  } catch (error) {
    return fail("malformed", `body is not valid JSON: ${syntaxError(text, error as Error)}`);
  }
}

/** JSON.parse's words about the text as received (a marked text's positions would be off). */
function syntaxError(text: string, error: Error): string {
  try {
    JSON.parse(text);
  } catch (original) {
    return (original as Error).message;
  }
  return error.message;
}

/**
 * Each big integer is quoted with a marker before JSON.parse, and turned into a bigint after: about a
 * third of lossless-json's time on Tencent's bodies with bare 18-digit accounts. The marker is a NUL,
 * which no string of the body can hold unless it has a `\u0000` escape (a raw NUL is not JSON); when
 * one does, a NUL followed by random letters, which no sender can foresee. Quoting a valid number
 * token in a value position keeps valid text valid and invalid text invalid, so JSON.parse still
 * judges the syntax.
 */
function parseWithBigIntegers(text: string, tokens: readonly number[]): unknown {
  const mark = text.includes("\\u0000") ? `\u0000${randomBytes(12).toString("hex")}` : "\u0000";
  const escaped = JSON.stringify(mark).slice(1, -1);
  let marked = "";
  let from = 0;
  for (let t = 0; t < tokens.length; t += 2) {
    marked += `${text.slice(from, tokens[t])}"${escaped}${text.slice(tokens[t], tokens[t + 1])}"`;
    from = tokens[t + 1]!;
  }
  return unmark(JSON.parse(marked + text.slice(from)), mark);
}

/** Turns the marked strings back into bigints, in place. */
function unmark(value: unknown, mark: string): unknown {
  const marked = (item: string) => item.charCodeAt(0) === 0 && item.startsWith(mark);
  if (typeof value === "string") return marked(value) ? BigInt(value.slice(mark.length)) : value;
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === "string" ? marked(item) : typeof item === "object" && item !== null) record[key] = unmark(item, mark);
  }
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

interface Scan {
  readonly problem?: string;
  /** Start and end offsets of each bare integer a double cannot hold, in order. */
  readonly bigIntegers: number[];
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
/** Keys an object keeps in a list before a Set. */
const SHORT_OBJECT = 16;
const ZERO = 48;
const LOWER_E = 101;
const isDigit = (c: number) => c >= ZERO && c <= 57;

/**
 * One pass over the text, exact on valid JSON: strings are skipped with indexOf (a base64 image
 * costs next to nothing), each open object keeps its keys (a list while short, as a Set costs about
 * as much as JSON.parse itself on a typical body; a Set once long, so a wide object stays linear). On text that is not JSON it
 * stops early (JSON.parse then says what is wrong) or sees a problem of its own: a 400 either way.
 */
function scanJson(text: string): Scan {
  // One entry per open container, undefined for an array. An object's keys so far: while short and
  // without escapes, the offsets of each (start, end) in the text, so that no key is cut out as a
  // string of its own; else a Set of the keys as JSON.parse reads them.
  const open: (number[] | Set<string> | undefined)[] = [];
  const bigIntegers: number[] = [];
  const notJson = { bigIntegers: [] };
  let expectKey = false;
  // The next backslash in the text (-1: none left): a key that ends before it has no escape to read,
  // so it is taken as it stands, without a search of its own (found again only once passed: linear).
  let backslash = text.indexOf("\\");
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end < 0) return notJson;
      if (expectKey) {
        if (backslash >= 0 && backslash < i) backslash = text.indexOf("\\", i);
        const plain = backslash < 0 || backslash > end;
        const keys = open[open.length - 1]!;
        if (plain && Array.isArray(keys) && keys.length < 2 * SHORT_OBJECT) {
          // A key without escapes is its text: compared where it stands.
          if (seenAt(text, keys, i + 1, end)) return duplicateKey(text.slice(i + 1, end), bigIntegers);
          keys.push(i + 1, end);
        } else {
          const key = plain ? text.slice(i + 1, end) : keyOf(text, i, end);
          if (key === undefined) return notJson;
          const set = Array.isArray(keys) ? (open[open.length - 1] = keySet(text, keys)) : keys;
          if (set.has(key)) return duplicateKey(key, bigIntegers);
          set.add(key);
        }
        expectKey = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (open.length === MAX_JSON_DEPTH) return { problem: `is nested deeper than ${MAX_JSON_DEPTH} levels`, bigIntegers };
      open.push(c === OPEN_OBJECT ? [] : undefined);
      expectKey = c === OPEN_OBJECT;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      open.pop();
      expectKey = false;
    } else if (c === COMMA) {
      expectKey = open.length > 0 && open[open.length - 1] !== undefined;
    } else if (c === MINUS || isDigit(c)) {
      // A number where a key belongs is not JSON; marking it would make it a key.
      if (expectKey) return notJson;
      let j = c === MINUS ? i + 1 : i;
      const digitsFrom = j;
      while (isDigit(text.charCodeAt(j))) j++;
      // 16+ digits, no leading zero (not JSON), no fraction or exponent: an integer that may not fit a double.
      let integer = j - digitsFrom >= 16 && text.charCodeAt(digitsFrom) !== ZERO;
      if (text.charCodeAt(j) === DOT) {
        integer = false;
        for (j++; isDigit(text.charCodeAt(j)); ) j++;
      }
      if ((text.charCodeAt(j) | 32) === LOWER_E) {
        integer = false;
        j++;
        if (text.charCodeAt(j) === PLUS || text.charCodeAt(j) === MINUS) j++;
        while (isDigit(text.charCodeAt(j))) j++;
      }
      if (integer && !Number.isSafeInteger(Number(text.slice(i, j)))) bigIntegers.push(i, j);
      i = j - 1;
    }
  }
  return { bigIntegers };
}

/** Whether the text from `start` to `end` equals one of the keys at `offsets` (start, end pairs). */
function seenAt(text: string, offsets: readonly number[], start: number, end: number): boolean {
  const length = end - start;
  for (let p = 0; p < offsets.length; p += 2) {
    const from = offsets[p]!;
    if (offsets[p + 1]! - from !== length) continue;
    let k = 0;
    while (k < length && text.charCodeAt(from + k) === text.charCodeAt(start + k)) k++;
    if (k === length) return true;
  }
  return false;
}

/** The keys at `offsets` as strings (each without escapes: its text), for a Set. */
function keySet(text: string, offsets: readonly number[]): Set<string> {
  const keys = new Set<string>();
  for (let p = 0; p < offsets.length; p += 2) keys.add(text.slice(offsets[p], offsets[p + 1]));
  return keys;
}

function duplicateKey(key: string, bigIntegers: number[]): Scan {
  return { problem: `has a duplicate key ${quoted(key)}: refused, as JSON parsers disagree on which value counts`, bigIntegers };
}

/** Index of the quote closing the string opened at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  let at = start;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return -1;
    // Escaped when an odd number of backslashes precede it (each run is walked once: linear overall).
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return at;
  }
}

/** The key as JSON.parse reads it: `"\u0061"` and `"a"` are the same key. Undefined when not valid. */
function keyOf(text: string, start: number, end: number): string | undefined {
  const raw = text.slice(start + 1, end);
  if (raw.indexOf("\\") < 0) return raw;
  try {
    return JSON.parse(text.slice(start, end + 1)) as string;
  } catch {
    return undefined;
  }
}

/** A key for a message: quoted, and cut short, since a body may bring any key. */
function quoted(key: string): string {
  return JSON.stringify(key.length > 64 ? `${key.slice(0, 64)}…` : key);
}

/**
 * The JSON text of a parsed value with its big integers as bare digits, as they were sent: for
 * digests, where `12345678901234567890` and `"12345678901234567890"` must stay different. Values
 * without bigints give exactly JSON.stringify's text (the fast path), so their digests are unchanged.
 */
export function exactJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "null";
  } catch {
    return writeExact(value);
  }
}

function writeExact(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : writeExact(item))).join(",")}]`;
  let text = "";
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) text += `${text ? "," : ""}${JSON.stringify(key)}:${writeExact(item)}`;
  }
  return `{${text}}`;
}
