/** The target of BENCHMARKS.md: what FC and Lambda load at a cold start, minified, for a callback function. */
export const BUDGET_BYTES = 64 * 1024;

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
