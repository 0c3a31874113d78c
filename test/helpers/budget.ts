import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * What FC and Lambda load and compile at a cold start, minified, for a callback function: the entry
 * (index.js, two lines) and the bundle it requires (main.js); the chunks beside them load only when a
 * setting needs them. It was 64 KB; 70 KB since validation carries the parser it generates from each
 * zod schema (shared/core/compiled-schema.ts, 3.9 KB minified), schemas are built at their first read
 * and update_score is answered: `tencent-live`, the largest, went from 62.9 to 68.0 KB (69,642 bytes).
 * The way down is zod itself, 23.3 KB of that: see BENCHMARKS.md.
 */
export const BUDGET_BYTES = 70 * 1024;

/**
 * The redrive replays dead letters through every function, so it carries all three platforms' catalogs
 * where a callback function carries one: its own budget, about those catalogs over the shared core. It is
 * started by a timer every few minutes, never while a platform waits for an answer. 113 KB: the
 * request path that waits only on stores and targets returning promises took it 0.9 KB over 112 KB.
 */
export const REDRIVE_BUDGET_BYTES = 113 * 1024;

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
