import { type AnyAnswering, isAnswering } from "../core/answering";
import type { AnyCallback } from "../core/callback";
import type { Env } from "../core/config";
import type { CallbackEvent } from "../core/event";
import type { InboundRequest } from "../core/inbound";
import type { Logger } from "../core/log";
import type { Maybe } from "../core/maybe";
import type { Outcome } from "../core/outcome";
import type { Platform } from "../core/platform";
import { readDefaults } from "./answer-defaults";
import type { answeringWith } from "./answer-run";
import type { DedupeStore } from "./dedupe/store";

type AnsweringPath = typeof answeringWith;

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
  /** Keeps the answers of idempotent callbacks with their claims. */
  readonly dedupe: DedupeStore;
  /** Delivers the answered event to the targets (dedupe, dead letter on failure); its outcome never changes the answer. */
  readonly handOff: (event: CallbackEvent, req: InboundRequest) => Maybe<Outcome>;
}

/**
 * Answering callbacks (a gift check, a token call). Their defaults are read, and a missing handler
 * warned of, at cold start; the path that answers is answer.js beside index.js, loaded by the first
 * answering request (a function without answering callbacks never carries it, and an instance that
 * only receives notifications never loads it). When answer.js cannot be loaded, the answer is the
 * platform's failure (Tencent then applies its own timeout rule).
 */
export function createAnswering(options: AnsweringOptions) {
  const definitions = options.callbacks.filter(isAnswering) as AnyAnswering[];
  const names = new Set(definitions.map((c) => c.name));
  // Two turns after creation, where these lines have always come: after a first request's synchronous
  // refusal or its quarantine, before its answer.
  const defaults =
    names.size > 0
      ? Promise.resolve()
          .then(() => definitions)
          .then((listed) => readDefaults(options, listed))
      : undefined;
  defaults?.catch(() => undefined);
  let path: Promise<ReturnType<AnsweringPath>> | undefined;
  // Until a request needs it, a failed load is not an error; then that request says so (the pipeline's internal failure).
  // Once loaded, requests call it directly instead of waiting on the settled promise each time.
  let ready: ReturnType<AnsweringPath> | undefined;
  const loaded = () => (path ??= defaults!.then((read) => import("./answer-run").then((run) => (ready = run.answeringWith(options, read)))));
  return {
    serves: (event: CallbackEvent) => event.known && names.has(event.callback),
    answer: (event: CallbackEvent, req: InboundRequest): Maybe<Outcome> => (ready ? ready.answer(event, req) : loaded().then((run) => run.answer(event, req))),
    /** A dead letter replayed: the event with the answer the letter kept (`kept`), the handler not asked. */
    replay: async (event: CallbackEvent, kept: CallbackEvent | undefined, req: InboundRequest): Promise<Outcome> => (await loaded()).replay(event, kept, req),
  };
}
