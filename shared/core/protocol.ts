import { type AnyCallback, subEventOf } from "./callback";
import { ConfigError, type Env } from "./config";
import type { CallbackEvent } from "./event";
import type { InboundRequest } from "./inbound";
import { validate } from "./issues";
import type { Logger } from "./log";
import { type Refusal, refuse } from "./outcome";
import type { Platform, ReplayMark } from "./platform";

export interface ProtocolOptions<Config, Envelope> {
  readonly platform: Platform<Config, Envelope>;
  /** The callbacks this function has schemas for. */
  readonly callbacks: readonly AnyCallback<Envelope>[];
  /** Pass callbacks without a schema on as generic events (the platform's one-URL endpoints). */
  readonly passUnknown: boolean;
  readonly env: Env;
  readonly log: Logger;
  readonly now: () => number;
  /** A problem found outside the platform's own settings (delivery): every request is refused with it. */
  readonly problem?: Refusal;
}

/** An authentic callback that cannot pass, what it was, and the platform's own id of it when its envelope was read. */
export interface Unfit {
  readonly refusal: Refusal;
  readonly callback?: string;
  readonly envelopeId?: string;
}

/**
 * What the protocol makes of one request. Refused: not for this function, or not authentic; nothing
 * to keep. Otherwise authentic, with the mark its signature leaves (for replay checks) and either the
 * typed event or why it can never pass.
 */
export type Reading =
  | { readonly kind: "refused"; readonly refusal: Refusal }
  | { readonly kind: "event"; readonly event: CallbackEvent; readonly mark?: ReplayMark }
  | { readonly kind: "unfit"; readonly unfit: Unfit; readonly mark?: ReplayMark };

export type Settings<Config> = { ok: true; config: Config } | ({ ok: false } & Refusal);

/**
 * The protocol path of one callback, the platform's dialect and nothing else: the function's
 * settings, method and size, authenticate, open, validate, the typed event. Synchronous and pure
 * but for its log lines; what becomes of the result is the delivery layer's.
 */
export function createProtocol<Config, Envelope>(options: ProtocolOptions<Config, Envelope>) {
  const { platform, log, now } = options;
  // A callback answers to its name and to any alias the platform has sent it under.
  const byName = new Map(options.callbacks.flatMap((c) => [c.name, ...(c.aliases ?? [])].map((name) => [name, c] as const)));
  const settings: Settings<Config> = options.problem ? { ok: false, ...options.problem } : loadSettings(platform, options.env, log);

  function read(req: InboundRequest): Reading {
    if (!settings.ok) return refused(settings);
    // The runtime could not read the event into a request: there is nothing to authenticate.
    if (req.unreadable) return refused(refuse("malformed", req.unreadable));
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
    const denied = platform.authenticate(req, config, now(), log);
    if (denied) return refused(denied);

    // Authentic from here on: whatever goes wrong, the delivery layer keeps the callback.
    const mark = platform.replayMark(req, config, now());
    const examined = examine(req, config);
    return "event" in examined ? { kind: "event", event: examined.event, mark } : { kind: "unfit", unfit: examined, mark };
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
      // One of the function's own callbacks: its parser may be the one the build wrote.
      const parsed = validate(definition.schema, payload, name, known?.name);
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

  return { settings, read };
}

const refused = (refusal: Refusal): Reading => ({ kind: "refused", refusal });

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
