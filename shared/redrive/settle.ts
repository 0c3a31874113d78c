import type { Logger } from "../core/log";
import type { DeadLetter } from "../delivery/dead-letter/record";
import { afterFailure } from "./policy";
import type { Attempt } from "./replay";
import type { RedriveSettings } from "./settings";
import type { LetterSource, StoredLetter } from "./source";

/**
 * `parked`: moved out of the due set for a person (npm run replay -- --parked); `waiting`: quarantined,
 * and the schemas that refused it are still the deployed ones, so it was not tried.
 */
export type ReplayStatus = Attempt["status"] | "parked" | "waiting";

export interface ReplayResult {
  readonly id: string;
  readonly status: ReplayStatus;
  readonly detail: string;
  /** The letter's id after a failed replay re-kept it with one more attempt, or its id among the parked. */
  readonly keptAs?: string;
}

export interface SettleOptions {
  readonly log: Logger;
  /** Due again after the backoff, parked past the limits: the source is the one the redrive schedules. */
  readonly schedule?: RedriveSettings;
  /**
   * Park a letter that cannot be replayed as it is (its MAC fails, it is older than the dedupe memory)
   * instead of leaving it: the redrive's way, as nobody would look at it otherwise.
   */
  readonly parkUnfit?: boolean;
  readonly random?: () => number;
}

/** Records what one attempt came to in the letter's source: the same for `npm run replay` and the scheduled redrive. */
export async function settle(source: LetterSource, stored: StoredLetter, attempt: Attempt, fn: string | undefined, options: SettleOptions): Promise<ReplayResult> {
  const { id } = stored;
  switch (attempt.status) {
    case "delivered":
    case "already delivered":
      await source.remove(id);
      return { id, status: attempt.status, detail: attempt.detail };
    case "in progress":
      // Another request has it now: it settles it; the redrive looks again after one backoff.
      await source.release?.(id, options.schedule ? Date.now() + Math.max(1, options.schedule.backoffBaseMs) : undefined);
      return { id, status: attempt.status, detail: attempt.detail };
    case "failed": {
      const scheduled = options.schedule && source.park ? options.schedule : undefined;
      const step = scheduled && afterFailure(attempt.letter, attempt.quarantined, Date.now(), scheduled, options.random);
      if (step && "park" in step) return park(source, stored, attempt.letter, `${attempt.detail}; ${step.park}`, fn, options.log);
      const keptAs = await source.replace(id, attempt.letter, step?.dueAt);
      return { id, status: "failed", detail: attempt.detail, keptAs };
    }
    default:
      // Never sealed again: a letter whose MAC fails is kept exactly as it was found.
      if (options.parkUnfit && source.park) return park(source, stored, stored.letter, `${attempt.status}: ${attempt.detail}`, fn, options.log);
      await source.release?.(id);
      return { id, status: attempt.status, detail: attempt.status === "refused" ? `${attempt.detail}; left as it is` : attempt.detail };
  }
}

/** Moves the letter to the parked, and says so in one error line a log alert can page on. */
async function park(source: LetterSource, stored: StoredLetter, letter: DeadLetter, why: string, fn: string | undefined, log: Logger): Promise<ReplayResult> {
  const keptAs = await source.park!(stored.id, letter);
  // Its hold expired and another run took it: that run settles it, and announces it if it parks it.
  if (keptAs === undefined) return { id: stored.id, status: "in progress", detail: "another run took it over before it could be parked" };
  const last = letter.history?.at(-1);
  log("error", "dead letter parked", {
    function: fn ?? letter.function,
    callback: letter.callback,
    // Always present, so an alert's query can read it: null when the letter never validated.
    id: letter.event?.id ?? null,
    platform: letter.platform,
    letter: keptAs,
    attempts: letter.attempts,
    reason: last?.reason ?? letter.reason,
    detail: why,
  });
  return { id: stored.id, status: "parked", detail: why, keptAs };
}
