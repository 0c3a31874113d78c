import { writeLogLine } from "./log-write";

/** One structured JSON line per call on stdout (stderr for errors): what FC and Lambda log collectors read. */
export type LogLevel = "info" | "warn" | "error";

export interface LogOptions {
  /** Keep every string whole: a dead letter in the log may be the only copy of the request's bytes. */
  readonly whole?: boolean;
}

export type Logger = (level: LogLevel, message: string, fields?: Record<string, unknown>, options?: LogOptions) => void;

/**
 * Strings longer than this are cut in a log line (SUD's `player.draw.image` is megabytes of base64),
 * their start kept and their length said; targets and dead letters keep them whole.
 */
export const LOG_STRING_LIMIT = 4096;

/**
 * The line for one log call. It never throws: a bigint is written as its digits, and a field that
 * still cannot be written is written key by key, the parts that cannot replaced by a note, so a log
 * call can never turn a handled callback into an unhandled failure.
 */
export function logLine(level: LogLevel, message: string, fields?: Record<string, unknown>, options: LogOptions = {}): string {
  const record = { level, time: timeNow(), msg: message, ...fields };
  try {
    const line = JSON.stringify(record);
    // A line no longer than the limit holds no longer string: the usual line costs one plain stringify.
    if (options.whole || line.length <= LOG_STRING_LIMIT) return line;
  } catch {
    // A bigint, or worse: the writers below handle it.
  }
  const replacer = options.whole ? digitsOfBigints : cutForLog;
  try {
    return JSON.stringify(record, replacer);
  } catch {
    try {
      const salvaged: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(record)) salvaged[key] = salvage(value, replacer, 2);
      return JSON.stringify(salvaged, replacer);
    } catch (error) {
      return JSON.stringify({ level, time: record.time, msg: message, problem: `fields not written to the log: ${(error as Error).message}` });
    }
  }
}

let lastMs = Number.NaN;
let lastTime = "";

/** The ISO time of now, formatted once per millisecond: lines written in the same one share it. */
function timeNow(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastTime = new Date(now).toISOString();
  }
  return lastTime;
}

export const jsonLogger: Logger = (level, message, fields, options) => {
  const line = logLine(level, message, fields, options);
  writeLogLine(level === "error" ? 2 : 1, `${line}\n`);
};

export const silentLogger: Logger = () => {};

type Replacer = (key: string, value: unknown) => unknown;

const digitsOfBigints: Replacer = (_key, value) => (typeof value === "bigint" ? value.toString() : value);

const cutForLog: Replacer = (_key, value) => {
  if (typeof value === "string") return value.length > LOG_STRING_LIMIT ? cut(value) : value;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    // A body may bring a huge key as well as a huge value.
    const keys = Object.keys(value);
    if (keys.some((key) => key.length > LOG_STRING_LIMIT)) {
      return Object.fromEntries(keys.map((key) => [key.length > LOG_STRING_LIMIT ? cut(key) : key, (value as Record<string, unknown>)[key]]));
    }
  }
  return value;
};

function cut(text: string): string {
  return `${text.slice(0, 64)}…[cut from the log line: ${text.length} chars]`;
}

/** `value` if it can be written, else its parts that can, `depth` levels down; a note for the rest. */
function salvage(value: unknown, replacer: Replacer, depth: number): unknown {
  try {
    JSON.stringify(value, replacer);
    return value;
  } catch (error) {
    if (depth === 0 || typeof value !== "object" || value === null) return `[not written to the log: ${(error as Error).message}]`;
    const parts: Record<string, unknown> = {};
    for (const [key, part] of Object.entries(value)) parts[key] = salvage(part, replacer, depth - 1);
    return parts;
  }
}
