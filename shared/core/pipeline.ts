import { type AnyCallback, subEventOf } from "./callback";
import { ConfigError, type Env } from "./config";
import type { CallbackEvent } from "./event";
import type { InboundRequest } from "./inbound";
import { validate } from "./issues";
import type { Logger } from "./log";
import { type Outcome, type Refusal, refuse } from "./outcome";
import type { Answer, Platform } from "./platform";
import { type DeadLetter, storeRequest } from "../delivery/dead-letter/record";
import { type DeadLetterStore, logDeadLetters } from "../delivery/dead-letter/store";
import type { ClaimResult, DedupeStore } from "../delivery/dedupe/store";
import { deliver, DeliveryError, type Target } from "../delivery/deliver";
import type { NonceStore } from "../delivery/nonce/store";
import { quarantineKey } from "../delivery/quarantine-key";
import { eventKey } from "../delivery/wire";

export interface PipelineOptions<Config, Envelope> {
  readonly platform: Platform<Config, Envelope>;
  /** The callbacks this function has schemas for. */
  readonly callbacks: readonly AnyCallback<Envelope>[];
  /** Pass callbacks without a schema on as generic events (the platform's one-URL endpoints). */
  readonly passUnknown: boolean;
  readonly env: Env;
  readonly dedupe: DedupeStore;
  /** Signatures already accepted, by nonce and time, for platforms that sign a nonce. */
  readonly nonces: NonceStore;
  /** Where accepted events go; success is answered only when every target has the event. */
  readonly targets: readonly Target[];
  /** Where authentic callbacks that were not delivered, or failed validation, are kept (default: the log). */
  readonly deadLetters?: DeadLetterStore;
  readonly log: Logger;
  readonly now?: () => number;
  /** A problem found outside the platform's own settings (delivery): every request is refused with it. */
  readonly problem?: Refusal;
  /** Sees every outcome before it is answered (replay reports them). */
  readonly observe?: (outcome: Outcome) => void;
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
 * The path of one callback: authenticate, parse and validate, claim the dedupe id, deliver, settle
 * the claim, answer. It never throws: every failure becomes a platform-shaped answer, and every
 * authentic callback that is not delivered is kept as a dead letter.
 */
export function createPipeline<Config, Envelope>(options: PipelineOptions<Config, Envelope>) {
  const { platform, dedupe, nonces, targets, log } = options;
  const now = options.now ?? Date.now;
  const deadLetters = options.deadLetters ?? logDeadLetters(log);
  // A callback answers to its name and to any alias the platform has sent it under.
  const byName = new Map(options.callbacks.flatMap((c) => [c.name, ...(c.aliases ?? [])].map((name) => [name, c] as const)));
  const settings: Settings<Config> = options.problem ? { ok: false, ...options.problem } : loadSettings(platform, options.env, log);

  async function decide(req: InboundRequest): Promise<Outcome> {
    if (!settings.ok) return refused(req, settings);
    // The runtime could not read the event into a request: there is nothing to authenticate.
    if (req.unreadable) return refused(req, refuse("malformed", req.unreadable));
    const config = settings.config;
    if (!platform.transports.includes(req.transport)) {
      return refused(req, refuse("method_not_allowed", `${platform.name} callbacks arrive over HTTP, not by direct invocation`));
    }
    if (req.transport === "http" && !platform.methods.includes(req.method)) {
      return refused(req, refuse("method_not_allowed", `method ${req.method} is not allowed; use ${platform.methods.join(" or ")}`));
    }
    if (req.body.length > platform.maxBodyBytes) {
      return refused(req, refuse("payload_too_large", `body of ${req.body.length} bytes exceeds the limit of ${platform.maxBodyBytes}`));
    }

    const denied = platform.authenticate(req, config, now(), log);
    if (denied) return refused(req, denied);
    const replayed = await checkReplay(req, config);
    if (replayed) return replayed;

    // Authentic from here on: whatever goes wrong, the callback is kept as a dead letter, never dropped.
    const examined = examine(req, config);
    if ("refusal" in examined) return quarantine(req, examined);
    return handOff(examined.event, req);
  }

  /** An authentic signature seen before must come with the same body: the platform's retry passes, a replay does not. */
  async function checkReplay(req: InboundRequest, config: Config): Promise<Outcome | undefined> {
    const mark = platform.replayMark(req, config, now());
    if (!mark) return undefined;
    try {
      if ((await nonces.remember(mark.key, mark.digest, mark.ttlMs)) !== "different") return undefined;
    } catch (error) {
      // Authentic, so kept; the answer gets a stable message, the letter and the log the store's own error.
      const refusal = refuse("delivery_failed", "shared dedupe store unavailable; retry later");
      return keep("undelivered", req, refusal, { detail: `nonce store unavailable: ${(error as Error).message}` });
    }
    return refused(req, refuse("signature_invalid", mark.reused));
  }

  function examine(req: InboundRequest, config: Config): { event: CallbackEvent } | Unfit {
    let envelopeId: string | undefined;
    try {
      const opened = platform.open(req, config);
      if (!opened.ok) return { refusal: opened };
      const { callback: sent, payload, envelope } = opened.value;
      envelopeId = platform.envelopeId?.(envelope);

      const known = byName.get(sent);
      const name = known?.name ?? sent;
      if (!known && !options.passUnknown) {
        const served = options.callbacks.map((c) => c.name).join(", ");
        return { refusal: refuse("wrong_callback", `this function serves ${served}, not ${name}`), callback: name, envelopeId };
      }
      const definition = known ?? platform.genericCallback(name);
      const parsed = validate(definition.schema, payload, name);
      if (!parsed.ok) return { refusal: refuse(parsed.reason, parsed.message), callback: name, envelopeId };

      const event: CallbackEvent = {
        id: definition.dedupeId(parsed.value, envelope),
        platform: platform.name,
        callback: name,
        known: known !== undefined,
        subEvent: known ? subEventOf(known, parsed.value) : undefined,
        eventTime: definition.eventTime(parsed.value, envelope) ?? req.receivedAt,
        receivedAt: req.receivedAt,
        data: parsed.value,
        raw: payload,
      };
      return { event };
    } catch (error) {
      log("error", "unexpected failure", { error: (error as Error).message, requestId: req.requestId });
      return { refusal: refuse("internal", "internal error while reading the callback; it was kept for replay"), envelopeId };
    }
  }

  async function handOff(event: CallbackEvent, req: InboundRequest): Promise<Outcome> {
    const key = eventKey(event);
    const deliverBy = deliveryDeadline(req);
    let claim: ClaimResult;
    try {
      claim = await dedupe.claim(key, inProgressMs(req, deliverBy));
    } catch (error) {
      return keep("undelivered", req, refuse("delivery_failed", DEDUPE_UNAVAILABLE), { event, detail: `dedupe store unavailable (${(error as Error).message})` });
    }
    if (claim === "completed") {
      log("info", "duplicate callback acknowledged", { platform: platform.name, callback: event.callback, id: event.id });
      return { kind: "duplicate", id: event.id, callback: event.callback };
    }
    if (claim === "in_progress") {
      return refused(req, refuse("in_progress", `${event.callback} ${event.id} is being handled by another request; retry later`));
    }

    let delivered: string[];
    try {
      delivered = await deliver(event, targets, Math.max(MIN_DELIVERY_MS, deliverBy - now()));
    } catch (error) {
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
    // Every target has the event: a failure to record that risks a duplicate, never a loss.
    await dedupe.complete(key).catch((error: Error) => log("warn", "delivered, but not marked completed", { id: key, error: error.message }));
    // The accepted line is the default delivery: the typed event without `raw`, which forwarding,
    // the stream and dead letters keep (the loose schemas keep every field in `data` already).
    log("info", "callback accepted", { event: { ...event, raw: undefined }, targets: delivered });
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
    await dedupe.complete(key).catch((error: Error) => log("warn", "quarantined, but not marked completed", { id: key, error: error.message }));
    return outcome;
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
  async function keep(
    kind: DeadLetter["kind"],
    req: InboundRequest,
    refusal: Refusal,
    about: { event?: CallbackEvent; callback?: string; detail?: string },
  ): Promise<Outcome> {
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
    log("warn", "callback refused", { platform: platform.name, reason: refusal.reason, detail: refusal.message, requestId: req.requestId });
    return { kind: "refused", reason: refusal.reason, message: refusal.message };
  }

  return async function handle(req: InboundRequest): Promise<Answer> {
    let outcome: Outcome;
    try {
      outcome = await decide(req);
    } catch (error) {
      log("error", "unexpected failure", { error: (error as Error).message, requestId: req.requestId });
      outcome = { kind: "refused", reason: "internal", message: "internal error while handling the callback; retry later" };
    }
    options.observe?.(outcome);
    return platform.ack(outcome, req, settings.ok ? settings.config : undefined);
  };
}

type Settings<Config> = { ok: true; config: Config } | ({ ok: false } & Refusal);

/** An authentic callback that cannot pass, what it was, and the platform's own id of it when its envelope was read. */
interface Unfit {
  readonly refusal: Refusal;
  readonly callback?: string;
  readonly envelopeId?: string;
}

/** Read once per cold start; a bad setting fails every request closed, naming the variable; a check left off is said. */
function loadSettings<Config>(platform: Platform<Config, unknown>, env: Env, log: Logger): Settings<Config> {
  try {
    const config = platform.loadConfig(env);
    for (const detail of platform.warnings(config)) log("warn", "authentication off", { platform: platform.name, detail });
    return { ok: true, config };
  } catch (error) {
    return { ok: false, ...misconfigured(platform.name, error, log) };
  }
}

/** The refusal for a setting that is missing or bad; logged once, by variable name, never its value. */
export function misconfigured(platformName: string, error: unknown, log: Logger): Refusal {
  const message = error instanceof ConfigError ? error.message : "configuration could not be read";
  log("error", "function misconfigured", { platform: platformName, problem: message });
  return refuse("misconfigured", `function is misconfigured: ${message}`);
}
