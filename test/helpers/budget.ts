import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * What FC and Lambda load and compile at a cold start, minified, for a callback function: the entry
 * (index.js, two lines) and the bundle it requires (main.js); the chunks beside them load only when a
 * setting needs them. 48 KB: the bundles carry zod-lite in zod's place (zod is zod.js beside them, loaded
 * to word a refusal), and the schemas' parsers are written by the build (parsers/), so the parser writer is
 * a chunk too (parser-source.js), which took `tencent-live`, the largest, from 69.9 KB to 50.2, then to 47.6 KB
 * (48,514 bytes), and 46.7 KB (47,825 bytes) once zod-lite's unused stand-ins were dropped, node:crypto
 * was no longer imported as a namespace and the battle fields were written once. It was 64 KB, then 70 KB while validation carried both zod and the
 * generated parsers.
 */
export const BUDGET_BYTES = 48 * 1024;

/**
 * The redrive replays dead letters through every function, so it carries all three platforms' catalogs
 * where a callback function carries one: its own budget, about those catalogs over the shared core. It is
 * started by a timer every few minutes, never while a platform waits for an answer. 91 KB: 89.5 KB with
 * zod-lite and the parser writer in its chunk (it was 113 KB with zod).
 */
export const REDRIVE_BUDGET_BYTES = 91 * 1024;

/** The budget of one function's cold-start code. */
export function budgetOf(fn: string): number {
  return fn === "dead-letter-redrive" ? REDRIVE_BUDGET_BYTES : BUDGET_BYTES;
}

/** The files a cold start of dist/<fn>/ loads, in order: the entry, then the bundle. */
export const COLD_START_FILES = ["index.js", "main.js"] as const;

/** What a cold start of dist/<fn>/ loads, as one buffer (its size is what the budget counts). */
export function coldStartCode(fn: string): Buffer {
  return Buffer.concat(COLD_START_FILES.map((file) => readFileSync(join("dist", fn, file))));
}
