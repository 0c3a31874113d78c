import type { CallbackEvent } from "../core/event";
import type { InboundRequest } from "../core/inbound";
import type { Logger } from "../core/log";
import { type Outcome, type Refusal, refuse } from "../core/outcome";
import type { Platform, ReplayMark } from "../core/platform";
import { andThen, type Maybe } from "../core/maybe";
import type { Unfit } from "../core/protocol";
import { type DeadLetter, storeRequest } from "./dead-letter/record";
import type { DeadLetterStore } from "./dead-letter/store";
import type { ClaimResult, DedupeStore } from "./dedupe/store";
import { DeliveryError, deliver, type Target } from "./deliver";
import type { NonceStore } from "./nonce/store";
import { quarantineKey } from "./quarantine-key";
import { eventKey } from "./wire";

export interface HandOffOptions {
  readonly platform: Platform<any, any>;
  readonly dedupe: DedupeStore;
  /** Signatures already accepted, by nonce and time, for platforms that sign a nonce. */
  readonly nonces: NonceStore;
  /** Where accepted events go; success is answered only when every target has the event. */
  readonly targets: readonly Target[];
  /** Where authentic callbacks that were not delivered, or failed validation, are kept. */
  readonly deadLetters: DeadLetterStore;
  readonly log: Logger;
  readonly now: () => number;
}

/** Share of the platform's time limit, from receipt, that delivery may use; the rest settles and answers. */
const DELIVERY_SHARE = 0.75;
/** Kept back from the runtime's own timeout so the function always answers before it is stopped. */
const RUNTIME_MARGIN_MS = 250;
/** Even a late delivery gets this long, rather than failing without a try. */
const MIN_DELIVERY_MS = 50;
/** What the platform is told when dedupe cannot be reached; the client's own words (host, port) go to the log. */
const DEDUPE_UNAVAILABLE = "shared dedupe store unavailable; retry later";

/**
 * What becomes of an authentic callback: its signature checked against replays, then either handed
 * to every target under a dedupe claim (settled when all have it, else kept as a dead letter), or,
 * when it can never pass, kept once as quarantined. Every path ends in an Outcome; none throws.
 */
export function createHandOff(options: HandOffOptions) {
  const { platform, dedupe, nonces, targets, deadLetters, log, now } = options;

  /**
   * An authentic signature seen before must come with the same body: the platform's retry passes, a replay does not.
   * A store in memory answers at once, and so does this: a promise only for a store that returns one (Redis).
   */
  function checkReplay(req: InboundRequest, mark: ReplayMark | undefined): Maybe<Outcome | undefined> {
    if (!mark) return undefined;
    let seen: ReturnType<NonceStore["remember"]>;
    try {
      seen = nonces.remember(mark.key, mark.digest, mark.ttlMs);
    } catch (error) {
      return nonceUnavailable(req, error);
    }
    return andThen(
      seen,
      (said) => (said === "different" ? refused(req, refuse("signature_invalid", mark.reused)) : undefined),
      (error) => nonceUnavailable(req, error),
    );
  }

  /** Authentic, so kept; the answer gets a stable message, the letter and the log the store's own error. */
  function nonceUnavailable(req: InboundRequest, error: unknown): Promise<Outcome> {
    return keep("undelivered", req, refuse("delivery_failed", DEDUPE_UNAVAILABLE), { detail: `nonce store unavailable: ${(error as Error).message}` });
  }

  /**
   * Claims the event's id, delivers it to the targets that want it, and marks it completed. Each step
   * waits only on what returns a promise (a Redis store, a target): with the memory store and no target
   * wanting the event, the outcome is there at once.
   */
  function handOff(event: CallbackEvent, req: InboundRequest): Maybe<Outcome> {
    const key = eventKey(event);
    const deliverBy = deliveryDeadline(req);
    let claimed: ReturnType<DedupeStore["claim"]>;
    try {
      claimed = dedupe.claim(key, inProgressMs(req, deliverBy));
    } catch (error) {
      return dedupeUnavailable(event, req, error);
    }
    return andThen(
      claimed,
      (claim) => afterClaim(event, req, key, deliverBy, claim),
      (error) => dedupeUnavailable(event, req, error),
    );
  }

  function dedupeUnavailable(event: CallbackEvent, req: InboundRequest, error: unknown): Promise<Outcome> {
    return keep("undelivered", req, refuse("delivery_failed", DEDUPE_UNAVAILABLE), { event, detail: `dedupe store unavailable (${(error as Error).message})` });
  }

  function afterClaim(event: CallbackEvent, req: InboundRequest, key: string, deliverBy: number, claim: ClaimResult): Maybe<Outcome> {
    if (claim === "completed") {
      log("info", "duplicate callback acknowledged", { platform: platform.name, callback: event.callback, id: event.id });
      return { kind: "duplicate", id: event.id, callback: event.callback };
    }
    if (claim === "in_progress") {
      return refused(req, refuse("in_progress", `${event.callback} ${event.id} is being handled by another request; retry later`));
    }
    let delivering: Maybe<string[]>;
    try {
      delivering = deliver(event, targets, Math.max(MIN_DELIVERY_MS, deliverBy - now()));
    } catch (error) {
      return undelivered(event, req, key, error);
    }
    return andThen(
      delivering,
      (names) => delivered(event, key, names),
      (error) => undelivered(event, req, key, error),
    );
  }

  async function undelivered(event: CallbackEvent, req: InboundRequest, key: string, error: unknown): Promise<Outcome> {
    const failure = error instanceof DeliveryError ? error : new DeliveryError([{ target: { name: "delivery" }, cause: error }]);
    // A target still running past the deadline may yet finish: its claim is left to expire rather
    // than released, so a retry cannot run beside it.
    const settle = failure.timedOut ? undefined : dedupe.release(key).catch(() => undefined);
    const [, outcome] = await Promise.all([
      settle,
      keep("undelivered", req, refuse("delivery_failed", `delivery failed: ${failure.publicMessage}`), { event, detail: `delivery failed: ${failure.message}` }),
    ]);
    return outcome;
  }

  /** Every target has the event: a failure to record that risks a duplicate, never a loss. */
  function delivered(event: CallbackEvent, key: string, names: string[]): Maybe<Outcome> {
    const completing = complete(key, "delivered, but not marked completed");
    if (completing) return completing.then(() => accepted(event, names));
    return accepted(event, names);
  }

  function accepted(event: CallbackEvent, names: string[]): Outcome {
    // The accepted line is the default delivery: the typed event without `raw`, which forwarding,
    // the stream and dead letters keep (the loose schemas keep every field in `data` already).
    log("info", "callback accepted", { event: { ...event, raw: undefined }, targets: names });
    return { kind: "accepted", event };
  }

  /**
   * An authentic callback that can never pass is kept once: a claim under `quarantine:`, marked completed
   * for as long as a delivered id, makes the platform's retries of it acknowledged, not kept again, and
   * the answer tells the platform to stop. Only a dedupe store out of reach asks for a retry: the copy
   * is kept meanwhile, and the retry is remembered (its letter reaching Redis) once the store is back.
   */
  async function quarantine(req: InboundRequest, unfit: Unfit): Promise<Outcome> {
    const { refusal, callback } = unfit;
    const key = quarantineKey(platform.name, unfit.envelopeId, req.body);
    let claim: ClaimResult;
    try {
      claim = await dedupe.claim(key, inProgressMs(req, deliveryDeadline(req)));
    } catch (error) {
      log("warn", "quarantine not remembered", { id: key, error: (error as Error).message, requestId: req.requestId });
      await keep("quarantined", req, refusal, { callback });
      return refused(req, refuse("delivery_failed", `${DEDUPE_UNAVAILABLE} (kept meanwhile as quarantined: ${refusal.reason}: ${refusal.message})`));
    }
    if (claim === "in_progress") return refused(req, refuse("in_progress", "the same callback is being quarantined by another request; retry later"));
    if (claim === "completed") {
      log("info", "quarantined callback acknowledged again", { platform: platform.name, callback, reason: refusal.reason, requestId: req.requestId });
      return { kind: "refused", quarantined: true, ...refusal };
    }
    const outcome = await keep("quarantined", req, refusal, { callback });
    await complete(key, "quarantined, but not marked completed");
    return outcome;
  }

  /** Marks `key` completed; a failure is logged, never thrown (it risks a duplicate, not a loss). A store in memory needs no wait. */
  function complete(key: string, failed: string): Promise<void> | undefined {
    const done = dedupe.complete(key);
    return done instanceof Promise ? done.catch((error: Error) => log("warn", failed, { id: key, error: error.message })) : undefined;
  }

  /** Delivery ends by this time (epoch ms): inside the platform's limit, and the runtime's when it tells. */
  function deliveryDeadline(req: InboundRequest): number {
    const byPlatform = req.receivedAt + platform.answerWithinMs * DELIVERY_SHARE;
    const byRuntime = req.deadlineAt === undefined ? Infinity : req.deadlineAt - RUNTIME_MARGIN_MS;
    return Math.min(byPlatform, byRuntime);
  }

  /** A claim outlives its delivery: it holds for the time the function has left, else the delivery budget. */
  function inProgressMs(req: InboundRequest, deliverBy: number): number {
    const until = Math.max(req.deadlineAt ?? 0, deliverBy + RUNTIME_MARGIN_MS);
    return Math.max(MIN_DELIVERY_MS, until - now());
  }

  /**
   * Keeps an authentic callback that was not delivered. `detail` (a target's own error) goes to the
   * letter and the log; the platform's answer gets only the refusal's message.
   */
  async function keep(kind: DeadLetter["kind"], req: InboundRequest, refusal: Refusal, about: { event?: CallbackEvent; callback?: string; detail?: string }): Promise<Outcome> {
    const letter: DeadLetter = {
      kind,
      reason: refusal.reason,
      message: about.detail ?? refusal.message,
      at: new Date(now()).toISOString(),
      attempts: 1,
      platform: platform.name,
      callback: about.event?.callback ?? about.callback,
      event: about.event,
      request: storeRequest(req, platform.signedHeaders(req)),
    };
    const where = await deadLetters.keep(letter).catch(() => "nowhere");
    log(kind === "undelivered" ? "error" : "warn", kind === "undelivered" ? "callback not delivered" : "callback quarantined", {
      platform: platform.name,
      callback: letter.callback,
      id: about.event?.id,
      reason: refusal.reason,
      detail: letter.message,
      deadLetter: where,
      requestId: req.requestId,
      // The event in full wherever the letter itself is not in the log.
      ...(where === "log" ? {} : { event: about.event }),
    });
    return { kind: "refused", reason: refusal.reason, message: refusal.message, ...(kind === "quarantined" ? { quarantined: true } : {}) };
  }

  function refused(req: InboundRequest, refusal: Refusal): Outcome {
    return logRefusal(log, platform, req, refusal);
  }

  return { checkReplay, handOff, quarantine };
}

/** A callback refused without being kept: one warn line, and the outcome the platform answers. */
export function logRefusal(log: Logger, platform: Pick<Platform<any, any>, "name">, req: InboundRequest, refusal: Refusal): Outcome {
  log("warn", "callback refused", { platform: platform.name, reason: refusal.reason, detail: refusal.message, requestId: req.requestId });
  return { kind: "refused", reason: refusal.reason, message: refusal.message };
}
