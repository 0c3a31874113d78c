import { type AnyAnswering, type FallbackWhy, isAnswering } from "../core/answering";
import type { AnyCallback } from "../core/callback";
import type { Env } from "../core/config";
import type { CallbackEvent } from "../core/event";
import type { InboundRequest } from "../core/inbound";
import type { Logger } from "../core/log";
import type { Outcome, Refusal } from "../core/outcome";
import { misconfigured } from "../core/protocol";
import type { Answer, Platform } from "../core/platform";

/** The app's handler of an answering callback: the verified request in, the answer's data out. */
export type AnswerHandler = (event: CallbackEvent, signal: AbortSignal) => unknown;

export interface AnsweringOptions {
  readonly platform: Platform<any, any>;
  readonly callbacks: readonly AnyCallback[];
  /** The app's handlers by callback name; those of answering callbacks give the answers. */
  readonly handlers: Readonly<Record<string, unknown>>;
  readonly env: Env;
  readonly log: Logger;
  readonly now: () => number;
  /** Delivers the answered event to the targets (dedupe, dead letter on failure); its outcome never changes the answer. */
  readonly handOff: (event: CallbackEvent, req: InboundRequest) => Promise<Outcome>;
}

/** Share of the platform's time limit, from receipt, that the app's handler may take; delivery of the answered event follows. */
const HANDLER_SHARE = 0.5;
/** Kept back from the runtime's own timeout, as for delivery. */
const RUNTIME_MARGIN_MS = 250;

/** A handler's answer outside the time it had. */
class LateAnswer extends Error {}

/**
 * Answering callbacks: the handler's answer within its deadline, checked against the callback's answer
 * schema, or the callback's fallback (said in one log line with why); then the platform's answer, and
 * the event with the answer handed to the targets. Fallbacks are read at cold start: a bad setting
 * refuses every request (`problem`), and a callback without a handler is one warning naming the default in force.
 */
export function createAnswering(options: AnsweringOptions) {
  const { platform, handlers, log, now } = options;
  const served = new Map<string, { definition: AnyAnswering; fallback: ReturnType<AnyAnswering["answers"]["fallback"]> }>();
  let problem: Refusal | undefined;
  for (const definition of options.callbacks) {
    if (!isAnswering(definition)) continue;
    let fallback: ReturnType<AnyAnswering["answers"]["fallback"]>;
    try {
      fallback = definition.answers.fallback(options.env);
    } catch (error) {
      problem ??= misconfigured(platform.name, error, log);
      continue;
    }
    served.set(definition.name, { definition, fallback });
    if (typeof handlers[definition.name] !== "function") {
      log("warn", "no handler for an answering callback", {
        platform: platform.name,
        callback: definition.name,
        default: fallback.chosen,
        ...(fallback.setting ? { setting: fallback.setting } : {}),
      });
    }
  }

  function serves(event: CallbackEvent): boolean {
    return event.known && served.has(event.callback);
  }

  async function answer(event: CallbackEvent, req: InboundRequest): Promise<Outcome> {
    const { definition, fallback } = served.get(event.callback)!;
    const handler = handlers[event.callback] as AnswerHandler | undefined;
    let source: "handler" | FallbackWhy = "missing";
    let data: unknown;
    if (handler) {
      const asked = await ask(handler, event, req);
      if ("error" in asked) {
        source = asked.error instanceof LateAnswer ? "late" : "failed";
        log("warn", "answering callback fell back to its default", fallbackLine(event, source, fallback.chosen, (asked.error as Error)?.message, req));
      } else {
        const checked = definition.answers.schema.safeParse(asked.value);
        if (checked.success) {
          data = checked.data;
          source = "handler";
        } else {
          source = "invalid";
          const problem = checked.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(answer)"}: ${i.message}`).join("; ");
          log("warn", "answering callback fell back to its default", fallbackLine(event, source, fallback.chosen, problem, req));
        }
      }
    }
    let platformAnswer = source === "handler" ? build(definition, data, event) : undefined;
    if (!platformAnswer) {
      if (source === "handler") log("warn", "answering callback fell back to its default", fallbackLine(event, (source = "invalid"), fallback.chosen, "the answer could not be written", req));
      data = fallback.answer(source as FallbackWhy);
      platformAnswer = definition.answers.toPlatform(data, event.data);
    }
    const answered: CallbackEvent = { ...event, answer: { data, source } };
    // The answer stands whatever the targets do: a failure is kept as a dead letter by the hand-off.
    await options.handOff(answered, req);
    return { kind: "answered", event: answered, answer: platformAnswer };
  }

  /** Runs the handler until its deadline; a throw, a rejection and lateness all come back as `error`. */
  async function ask(handler: AnswerHandler, event: CallbackEvent, req: InboundRequest): Promise<{ value: unknown } | { error: unknown }> {
    const byPlatform = req.receivedAt + platform.answerWithinMs * HANDLER_SHARE;
    const byRuntime = req.deadlineAt === undefined ? Infinity : req.deadlineAt - RUNTIME_MARGIN_MS;
    const withinMs = Math.max(0, Math.min(byPlatform, byRuntime) - now());
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new LateAnswer(`no answer within ${Math.round(withinMs)} ms`));
      }, withinMs);
    });
    try {
      return { value: await Promise.race([Promise.resolve().then(() => handler(event, controller.signal)), deadline]) };
    } catch (error) {
      return { error };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The platform's answer for a checked answer, or undefined when it cannot be written (a value JSON cannot hold). */
  function build(definition: AnyAnswering, data: unknown, event: CallbackEvent): Answer | undefined {
    try {
      return definition.answers.toPlatform(data, event.data);
    } catch {
      return undefined;
    }
  }

  function fallbackLine(event: CallbackEvent, why: FallbackWhy, chosen: string, detail: string | undefined, req: InboundRequest) {
    return { platform: platform.name, callback: event.callback, id: event.id, why, default: chosen, detail, requestId: req.requestId };
  }

  return { serves, answer, problem };
}
