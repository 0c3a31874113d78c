/**
 * A two-phase claim on a dedupe id (after Powertools idempotency): claim it as in progress, then mark
 * it completed when delivery succeeded, or release it when delivery failed so a retry can run.
 */
export type ClaimResult = "claimed" | "completed" | "in_progress";

export interface DedupeStore {
  /**
   * Claims `key` atomically for `inProgressMs`; only one concurrent caller gets "claimed". Rejects
   * when the store cannot be reached: the caller must then refuse, never accept unchecked.
   */
  claim(key: string, inProgressMs: number): Promise<ClaimResult>;
  complete(key: string): Promise<void>;
  /** Gives the claim up, unless it is no longer this caller's (expired and taken, or completed). */
  release(key: string): Promise<void>;
}

/** How long a completed id is remembered: longer than SUD's retry schedule (about 15 h). */
export const COMPLETED_TTL_MS = 48 * 60 * 60 * 1000;
