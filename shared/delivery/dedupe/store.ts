import type { Answer } from "../../core/platform";

/**
 * A two-phase claim on a dedupe id (after Powertools idempotency): claim it as in progress, then mark
 * it completed when delivery succeeded, or release it when delivery failed so a retry can run.
 */
export type ClaimResult = "claimed" | "completed" | "in_progress";

/** An answer kept with its claim: what a retry of the same request is answered with, the handler not asked again. */
export interface StoredAnswer {
  /** The answer's data as the handler gave it (the event's `answer.data`). */
  readonly data: unknown;
  /** The platform's answer, byte for byte. */
  readonly answer: Answer;
}

/**
 * A claim on an idempotency key that keeps the payload's hash (after Powertools idempotency): the first
 * request claims it; another with the same hash sees it in progress, or completed with the stored answer;
 * `hash` tells a retry from a reuse of the key with different content.
 */
export type AnswerClaim =
  /** `claim` names this very claim: only it can release it, never a later one on the same key. */
  | { readonly state: "claimed"; readonly claim: string }
  | { readonly state: "in_progress"; readonly hash: string }
  | { readonly state: "completed"; readonly hash: string; readonly stored: StoredAnswer };

export interface DedupeStore {
  /**
   * Claims `key` atomically for `inProgressMs`; only one concurrent caller gets "claimed". Rejects
   * when the store cannot be reached: the caller must then refuse, never accept unchecked. A store in
   * memory answers at once, without a promise: the request does not wait a turn for it.
   */
  claim(key: string, inProgressMs: number): ClaimResult | Promise<ClaimResult>;
  complete(key: string): void | Promise<void>;
  /** Gives the claim up, unless it is no longer this caller's (expired and taken, or completed). */
  release(key: string): Promise<void>;
  /**
   * Idempotent answers (SUD's update_score): claims `key` with the payload's `hash`, or tells what holds it.
   * The Redis store has them; the memory store gets them beside it (memory-answers.ts, kept out of
   * index.js); a store with neither refuses such callbacks, never answering them unchecked.
   */
  claimAnswer?(key: string, hash: string, inProgressMs: number): Promise<AnswerClaim>;
  /** Keeps the answer with the claim, for as long as a completed id. */
  completeAnswer?(key: string, hash: string, stored: StoredAnswer): Promise<void>;
  /** Gives up the claim `claim` names, if it still holds the key (a handler failed: the next retry asks it again). */
  releaseAnswer?(key: string, claim: string): Promise<void>;
}

/** How long a completed id is remembered: longer than SUD's retry schedule (about 15 h). */
export const COMPLETED_TTL_MS = 48 * 60 * 60 * 1000;
