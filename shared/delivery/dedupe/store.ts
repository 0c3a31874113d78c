/**
 * A two-phase claim on a dedupe id (after Powertools idempotency): claim it as in progress, then mark
 * it completed when delivery succeeded, or release it when delivery failed so a retry can run.
 */
export type ClaimResult = "claimed" | "completed" | "in_progress";

export interface DedupeStore {
  /** Claims `key` atomically; only one concurrent caller gets "claimed". */
  claim(key: string, inProgressMs: number): Promise<ClaimResult>;
  complete(key: string): Promise<void>;
  release(key: string): Promise<void>;
}

/** How long a completed id is remembered: longer than SUD's retry schedule (about 15 h). */
export const COMPLETED_TTL_MS = 48 * 60 * 60 * 1000;
