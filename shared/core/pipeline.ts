import type { AnyCallback } from "./callback";
import { ConfigError, type Env } from "./config";
import type { CallbackEvent } from "./event";
import type { InboundRequest } from "./inbound";
import { describeIssues } from "./issues";
import type { Logger } from "./log";
import { type Outcome, type Refusal, refuse } from "./outcome";
import type { Answer, Platform } from "./platform";
import type { DedupeStore } from "../delivery/dedupe/store";
import { deliver, type Target } from "../delivery/deliver";

export interface PipelineOptions<Config, Envelope> {
  readonly platform: Platform<Config, Envelope>;
  /** The callbacks this function has schemas for. */
  readonly callbacks: readonly AnyCallback<Envelope>[];
  /** Pass callbacks without a schema on as generic events (the platform's one-URL endpoints). */
  readonly passUnknown: boolean;
  readonly env: Env;
  readonly dedupe: DedupeStore;
  /** Where accepted events go; success is answered only when every target has the event. */
  readonly targets: readonly Target[];
  readonly log: Logger;
  readonly now?: () => number;
}

/** Share of the platform's time limit that delivery may use; the rest is for the answer to travel. */
const DELIVERY_SHARE = 0.75;
/** Kept back from the runtime's own timeout so the function always answers before it is stopped. */
const RUNTIME_MARGIN_MS = 250;

/**
 * The path of one callback: authenticate, parse and validate, claim the dedupe id, deliver, settle
 * the claim, answer. It never throws: every failure becomes a platform-shaped answer.
 */
export function createPipeline<Config, Envelope>(options: PipelineOptions<Config, Envelope>) {
  const { platform, dedupe, targets, log } = options;
  const now = options.now ?? Date.now;
  const byName = new Map(options.callbacks.map((c) => [c.name, c]));
  const settings = loadSettings(platform, options.env, log);

  async function decide(req: InboundRequest): Promise<Outcome> {
    if (!settings.ok) return refused(settings);
    const config = settings.config;
    if (!platform.transports.includes(req.transport)) {
      return refused(refuse("method_not_allowed", `${platform.name} callbacks arrive over HTTP, not by direct invocation`));
    }
    if (req.transport === "http" && !platform.methods.includes(req.method)) {
      return refused(refuse("method_not_allowed", `method ${req.method} is not allowed; use ${platform.methods.join(" or ")}`));
    }
    if (req.body.length > platform.maxBodyBytes) {
      return refused(refuse("payload_too_large", `body of ${req.body.length} bytes exceeds the limit of ${platform.maxBodyBytes}`));
    }

    const denied = platform.authenticate(req, config, now());
    if (denied) return refused(denied);

    const opened = platform.open(req, config);
    if (!opened.ok) return refused(opened);
    const { callback: name, payload, envelope } = opened.value;

    const known = byName.get(name);
    if (!known && !options.passUnknown) {
      const served = [...byName.keys()].join(", ");
      return refused(refuse("wrong_callback", `this function serves ${served}, not ${name}`));
    }
    const definition = known ?? platform.genericCallback(name);
    const parsed = definition.schema.safeParse(payload, { reportInput: true });
    if (!parsed.success) return refused(refuse("invalid", `${name}: ${describeIssues(parsed.error.issues)}`));

    const event: CallbackEvent = {
      id: definition.dedupeId(parsed.data, envelope),
      platform: platform.name,
      callback: name,
      known: known !== undefined,
      eventTime: definition.eventTime(parsed.data, envelope) ?? req.receivedAt,
      receivedAt: req.receivedAt,
      data: parsed.data,
      raw: payload,
    };
    return handOff(event, req);
  }

  async function handOff(event: CallbackEvent, req: InboundRequest): Promise<Outcome> {
    const budget = deliveryBudget(req);
    const key = `${event.platform}:${event.id}`;
    const claim = await dedupe.claim(key, budget + RUNTIME_MARGIN_MS);
    if (claim === "completed") return { kind: "duplicate", id: event.id, callback: event.callback };
    if (claim === "in_progress") {
      return refused(refuse("in_progress", `${event.callback} ${event.id} is being handled by another request; retry later`));
    }
    try {
      await deliver(event, targets, budget);
    } catch (error) {
      await dedupe.release(key).catch(() => undefined);
      const message = `delivery failed: ${(error as Error).message}`;
      log("error", "callback not delivered", { reason: message, event });
      return refused(refuse("delivery_failed", message));
    }
    await dedupe.complete(key);
    log("info", "callback accepted", { event });
    return { kind: "accepted", event };
  }

  function deliveryBudget(req: InboundRequest): number {
    const byPlatform = platform.answerWithinMs * DELIVERY_SHARE;
    const byRuntime = req.deadlineAt === undefined ? Infinity : req.deadlineAt - now() - RUNTIME_MARGIN_MS;
    return Math.max(50, Math.floor(Math.min(byPlatform, byRuntime)));
  }

  function refused(refusal: Refusal): Outcome {
    return { kind: "refused", reason: refusal.reason, message: refusal.message };
  }

  return async function handle(req: InboundRequest): Promise<Answer> {
    let outcome: Outcome;
    try {
      outcome = await decide(req);
    } catch (error) {
      log("error", "unexpected failure", { error: (error as Error).message, requestId: req.requestId });
      outcome = refused(refuse("internal", "internal error while handling the callback; retry later"));
    }
    if (outcome.kind === "refused" && outcome.reason !== "delivery_failed") {
      log("warn", "callback refused", { platform: platform.name, reason: outcome.reason, detail: outcome.message, requestId: req.requestId });
    } else if (outcome.kind === "duplicate") {
      log("info", "duplicate callback acknowledged", { platform: platform.name, callback: outcome.callback, id: outcome.id });
    }
    return platform.ack(outcome, req, settings.ok ? settings.config : undefined);
  };
}

type Settings<Config> = { ok: true; config: Config } | ({ ok: false } & Refusal);

/** Read once per cold start; a bad setting fails every request closed, naming the variable. */
function loadSettings<Config>(platform: Platform<Config, unknown>, env: Env, log: Logger): Settings<Config> {
  try {
    return { ok: true, config: platform.loadConfig(env) };
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : "configuration could not be read";
    log("error", "function misconfigured", { platform: platform.name, problem: message });
    return { ok: false, reason: "misconfigured", message: `function is misconfigured: ${message}` };
  }
}
