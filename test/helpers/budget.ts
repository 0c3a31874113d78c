/**
 * What FC and Lambda load at a cold start, minified, for a callback function. 68 KB since validation
 * carries the parser it derives from each zod schema (shared/core/compiled-schema.ts, 3.1 KB
 * minified as a tree of closures, 3.9 KB as the code generator it is now), which took `tencent-live`,
 * the largest, from 62.9 to 66.2 KB, then 67.3 KB; it was 64 KB before.
 */
export const BUDGET_BYTES = 68 * 1024;

/**
 * The redrive replays dead letters through every function, so it carries all three platforms' catalogs
 * where a callback function carries one: its own budget, about those catalogs over the shared core. It is
 * started by a timer every few minutes, never while a platform waits for an answer.
 */
export const REDRIVE_BUDGET_BYTES = 112 * 1024;

/** The budget of one function's index.js. */
export function budgetOf(fn: string): number {
  return fn === "dead-letter-redrive" ? REDRIVE_BUDGET_BYTES : BUDGET_BYTES;
}
