import type { Env } from "../core/config";
import type { Logger } from "../core/log";
import type { Delivery } from "../delivery/from-env";
import { schemaFingerprint } from "./fingerprint";
import { parkAt, waitsForSchemas } from "./policy";
import { createReplayer, type FunctionSpecs } from "./replay";
import { settle } from "./settle";
import type { RedriveSettings } from "./settings";
import type { StoredLetter } from "./source";
import { DeadLetterStream } from "./stream";

/** What one run did: the letters it took, how each ended, and how many are still to be redriven (due now or later). */
export interface RunSummary {
  taken: number;
  delivered: number;
  failed: number;
  parked: number;
  left: number;
}

export interface RunOptions {
  readonly env: Env;
  readonly log: Logger;
  readonly specs: FunctionSpecs;
  /** The functions' own dedupe and targets; its Redis holds the dead-letter stream. */
  readonly delivery: Delivery;
  readonly settings: RedriveSettings;
  /** When the runtime stops this run (epoch ms): no letter is taken that could not be settled before. */
  readonly deadlineAt: number;
  readonly random?: () => number;
}

/** Redis round trips around one letter (hold, dedupe claim and mark, record), each bounded by REDIS_TIMEOUT_MS. */
const ROUND_TRIPS = 8;
/** Kept for writing the summary after the last letter. */
const SUMMARY_MS = 1000;

/**
 * One scheduled run: every letter written since the last run becomes due, quarantined letters whose
 * schemas changed come forward, then due letters are taken one at a time (each held, so overlapping
 * runs and a manual replay never take the same one), replayed through the function that received it,
 * and settled: removed once delivered, due again after the backoff, or parked. It stops taking letters
 * while there is time left to settle the last one; a run killed anyway leaves its letter held until the
 * hold expires, and due.
 */
export async function redriveRun(options: RunOptions): Promise<RunSummary> {
  const { delivery, settings, log } = options;
  const summary: RunSummary = { taken: 0, delivered: 0, failed: 0, parked: 0, left: 0 };
  const redis = delivery.redis!;
  const slowest = Math.max(...Object.values(options.specs).map((s) => s.platform.answerWithinMs));
  const letterMs = slowest + ROUND_TRIPS * delivery.settings.redis!.timeoutMs;
  const stream = new DeadLetterStream(await redis.client(), delivery.settings.redis!.deadLetterStream, 2 * letterMs);
  const replayer = createReplayer({ env: options.env, log, delivery, specs: options.specs });
  const source = stream.source();
  try {
    await stream.index(settings, options.random);
    const fingerprints = new Map(Object.entries(options.specs).map(([name, spec]) => [name, schemaFingerprint(spec)]));
    await stream.bringForward(fingerprints, replayer.functionFor, Date.now());

    // Only letters due when the run began: one it reschedules is never taken again by itself.
    const startedAt = Date.now();
    const misconfigured = new Set<string>();
    while (Date.now() + letterMs + SUMMARY_MS < options.deadlineAt) {
      const taken = await stream.take(startedAt);
      if (!taken) break;
      summary.taken++;
      if ("unreadable" in taken) {
        const parkedAs = await stream.parkUnreadable(taken.id);
        if (parkedAs === undefined) continue;
        const detail = "the stream entry holds no readable letter";
        log("error", "dead letter parked", { function: null, callback: null, id: null, letter: parkedAs, reason: "unreadable", detail });
        summary.parked++;
        continue;
      }
      const fn = replayer.functionFor(taken.letter);
      const problem = fn && replayer.problemOf(fn);
      if (problem) {
        // Not an attempt: the letter waits for the settings, and the run says once what is wrong.
        if (!misconfigured.has(fn)) log("error", "redrive cannot replay letters", { function: fn, problem });
        misconfigured.add(fn);
        await source.release!(taken.id, Date.now() + Math.max(60_000, settings.backoffBaseMs));
        continue;
      }
      const outcome = await redriveOne(taken, fn, fingerprints.get(fn ?? ""), options, replayer, source);
      if (outcome === "delivered" || outcome === "already delivered") summary.delivered++;
      else if (outcome === "failed") summary.failed++;
      else if (outcome === "parked") summary.parked++;
    }
    summary.left = await stream.dueCount();
    return summary;
  } finally {
    await replayer.close();
  }
}

/** One letter taken: a quarantine whose schemas did not change waits (parked at its age limit); any other is replayed. */
async function redriveOne(
  taken: StoredLetter,
  fn: string | undefined,
  fingerprint: string | undefined,
  options: RunOptions,
  replayer: ReturnType<typeof createReplayer>,
  source: ReturnType<DeadLetterStream["source"]>,
): Promise<string> {
  const settleOptions = { log: options.log, schedule: options.settings, parkUnfit: true, random: options.random };
  if (fingerprint !== undefined && waitsForSchemas(taken.letter, fingerprint)) {
    const limit = parkAt(taken.letter, options.settings);
    if (Date.now() < limit) {
      await source.release!(taken.id, limit);
      return "waiting";
    }
    const attempt = { status: "skipped", detail: "quarantined, and the schemas that refused it did not change until REDRIVE_MAX_AGE_HOURS" } as const;
    return (await settle(source, taken, attempt, fn, settleOptions)).status;
  }
  const attempt = await replayer.attempt(taken);
  return (await settle(source, taken, attempt, fn, settleOptions)).status;
}
