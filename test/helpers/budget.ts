import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * What FC and Lambda load and compile at a cold start, minified, for a callback function: the entry
 * (index.js, two lines) and the bundle it requires (main.js); the chunks beside them load only when a
 * setting needs them. 52 KB: the bundles carry zod-lite in zod's place (zod is zod.js beside them, loaded
 * to word a refusal), which took `tencent-live`, the largest, from 69.9 to 50.2 KB (51,355 bytes). It was
 * 64 KB, then 70 KB while validation carried both zod and the parser generated from each schema.
 */
export const BUDGET_BYTES = 52 * 1024;

/**
 * The redrive replays dead letters through every function, so it carries all three platforms' catalogs
 * where a callback function carries one: its own budget, about those catalogs over the shared core. It is
 * started by a timer every few minutes, never while a platform waits for an answer. 94 KB: 92.0 KB with
 * zod-lite (it was 113 KB with zod).
 */
export const REDRIVE_BUDGET_BYTES = 94 * 1024;

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
