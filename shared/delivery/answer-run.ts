import type { AnyAnswering, FallbackWhy } from "../core/answering";
import { answersSchemaName, REFUSED } from "../core/compiled-schema";
import type { CallbackEvent } from "../core/event";
import { parsedFast } from "../core/issues";
import type { InboundRequest } from "../core/inbound";
import { andThen, type Maybe } from "../core/maybe";
import type { Outcome } from "../core/outcome";
import type { Answer } from "../core/platform";
import type { AnswerHandler, AnsweringOptions } from "./answer";
import type { Defaults, Served } from "./answer-defaults";
import { answerOnce } from "./answer-once";
import { logRefusal } from "./hand-off";

// The answering path, built as answer.js beside index.js (see answer.ts), so that a function without
// answering callbacks does not carry it.

/** The answering path over the defaults read at cold start (answer-defaults.ts). */
export function answeringWith(options: AnsweringOptions, defaults: Defaults) {
  const { platform, log } = options;
  const { served, problem } = defaults;
  return {
    answer: (event: CallbackEvent, req: InboundRequest): Maybe<Outcome> => {
      const entry = served.get(event.callback);
      return entry ? runAnswer(options, entry, event, req) : logRefusal(log, platform, req, problem!);
    },
    replay: (event: CallbackEvent, kept: CallbackEvent | undefined, req: InboundRequest) => replayAnswered(options, event, kept, req),
  };
}

/**
 * A dead letter of an answered callback: the platform had its answer long ago, so the event goes to
 * the targets with the answer the letter kept (its MAC checked by replay), nothing asked, answered or
 * stored again. A letter without an answer was never answered (kept before): nothing true to deliver.
 */
function replayAnswered(options: AnsweringOptions, event: CallbackEvent, kept: CallbackEvent | undefined, req: InboundRequest): Promise<Outcome> | Outcome {
  if (!kept?.answer || kept.callback !== event.callback || kept.platform !== event.platform) {
    const message = `${event.callback} was never answered: a replay cannot answer the platform now, and has no answer to deliver`;
    options.log("warn", "callback refused", { platform: options.platform.name, reason: "invalid", detail: message, requestId: req.requestId });
    return { kind: "refused", reason: "invalid", message, quarantined: true };
  }
  // Its id as kept: a conflict event (a reused idempotency key) has its own.
  return options.handOff({ ...event, id: kept.id, answer: kept.answer }, req);
}

/** Share of the platform's time limit, from receipt, that the app's handler may take; delivery of the answered event follows. */
const HANDLER_SHARE = 0.5;
/** Kept back from the runtime's own timeout, as for delivery. */
const RUNTIME_MARGIN_MS = 250;

/** A handler's answer outside the time it had. */
class LateAnswer extends Error {}

/** What the handler (or the fallback) answered: the event's `answer`, and the platform's answer built from it. */
export interface Decided {
  readonly data: unknown;
  readonly source: "handler" | FallbackWhy;
  readonly platformAnswer: Answer;
  /** A late handler still running: settles when it ends, however it ends. */
  readonly pending?: Promise<unknown>;
}

/** One answering callback answered: the handler asked within its deadline, its answer checked, else the default. */
function runAnswer(options: AnsweringOptions, served: Served, event: CallbackEvent, req: InboundRequest): Maybe<Outcome> {
  if (served.definition.answers.idempotency) return answerOnce(options, served.definition, event, req, async () => decide(options, served, event, req));
  return andThen(decide(options, served, event, req), (decided) => handOffAnswered(options, decided, event, req));
}

/** The answer stands whatever the targets do: a failure is kept as a dead letter by the hand-off. */
function handOffAnswered(options: AnsweringOptions, decided: Decided, event: CallbackEvent, req: InboundRequest): Maybe<Outcome> {
  const answered: CallbackEvent = { ...event, answer: { data: decided.data, source: decided.source } };
  const outcome: Outcome = { kind: "answered", event: answered, answer: decided.platformAnswer };
  return andThen(options.handOff(answered, req), () => outcome);
}

/**
 * Asks the handler within its deadline and checks its answer; else the fallback. Never throws for the
 * handler's sake. Without a handler, the fallback is there at once.
 */
function decide(options: AnsweringOptions, served: Served, event: CallbackEvent, req: InboundRequest): Maybe<Decided> {
  const handler = options.handlers[event.callback] as AnswerHandler | undefined;
  return handler ? askAndCheck(options, served, handler, event, req) : fallBack(served, event, "missing", undefined);
}

/**
 * The handler's answer checked: by the compiled parser first, zod (and, in a bundle, loading zod.js) only
 * for an answer it refuses, to say why. Should zod itself fail (zod.js missing), the answer is refused all
 * the same, and the fallback answers.
 */
function checkAnswer(definition: AnyAnswering, value: unknown): { ok: true; data: unknown } | { ok: false; problem: string } {
  const fast = parsedFast(definition.answers.schema, value, answersSchemaName(definition.name));
  if (fast !== REFUSED) return { ok: true, data: fast };
  try {
    const checked = definition.answers.schema.safeParse(value);
    if (checked.success) return { ok: true, data: checked.data };
    const problem = checked.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join(".") || "(answer)"}: ${i.message}`)
      .join("; ");
    return { ok: false, problem };
  } catch (error) {
    return { ok: false, problem: `refused; why could not be said: ${(error as Error).message}` };
  }
}

async function askAndCheck(options: AnsweringOptions, served: Served, handler: AnswerHandler, event: CallbackEvent, req: InboundRequest): Promise<Decided> {
  const { platform, log } = options;
  const { definition, fallback } = served;
  let source: "handler" | FallbackWhy;
  let data: unknown;
  let pending: Promise<unknown> | undefined;
  const asked = await ask(options, handler, event, req);
  if ("error" in asked) {
    source = asked.error instanceof LateAnswer ? "late" : "failed";
    pending = asked.pending;
    log("warn", "answering callback fell back to its default", fallbackLine(platform.name, event, source, fallback.chosen, (asked.error as Error)?.message, req));
  } else {
    const checked = checkAnswer(definition, asked.value);
    if (checked.ok) {
      data = checked.data;
      source = "handler";
    } else {
      source = "invalid";
      log("warn", "answering callback fell back to its default", fallbackLine(platform.name, event, source, fallback.chosen, checked.problem, req));
    }
  }
  if (source !== "handler") return fallBack(served, event, source, pending);
  const platformAnswer = build(definition, data, event);
  if (platformAnswer) return { data, source, platformAnswer, pending };
  log("warn", "answering callback fell back to its default", fallbackLine(platform.name, event, "invalid", fallback.chosen, "the answer could not be written", req));
  return fallBack(served, event, "invalid", pending);
}

/** The callback's default answer, and the platform's answer built from it. */
function fallBack(served: Served, event: CallbackEvent, why: FallbackWhy, pending: Promise<unknown> | undefined): Decided {
  const data = served.fallback.answer(why);
  return { data, source: why, platformAnswer: served.definition.answers.toPlatform(data, event.data), pending };
}

/** Runs the handler until its deadline; a throw, a rejection and lateness all come back as `error`. */
async function ask(
  options: AnsweringOptions,
  handler: AnswerHandler,
  event: CallbackEvent,
  req: InboundRequest,
): Promise<{ value: unknown } | { error: unknown; pending?: Promise<unknown> }> {
  const { platform, now } = options;
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
  const running = Promise.resolve().then(() => handler(event, controller.signal));
  try {
    return { value: await Promise.race([running, deadline]) };
  } catch (error) {
    return error instanceof LateAnswer
      ? {
          error,
          pending: running.then(
            () => undefined,
            () => undefined,
          ),
        }
      : { error };
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

function fallbackLine(platformName: string, event: CallbackEvent, why: FallbackWhy, chosen: string, detail: string | undefined, req: InboundRequest) {
  return { platform: platformName, callback: event.callback, id: event.id, why, default: chosen, detail, requestId: req.requestId };
}
