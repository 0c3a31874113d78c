import { type AnyAnswering, isAnswering } from "../core/answering";
import type { AnyCallback } from "../core/callback";
import type { Env } from "../core/config";
import type { CallbackEvent } from "../core/event";
import type { InboundRequest } from "../core/inbound";
import type { Logger } from "../core/log";
import type { Outcome } from "../core/outcome";
import type { Platform } from "../core/platform";

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

/**
 * Answering callbacks (a gift check, a token call). Their code is answer.js beside index.js: a function
 * with answering callbacks starts loading it at cold start, where it reads each callback's default
 * and warns of a missing handler; a function without them never carries or loads it. When answer.js
 * cannot be loaded, the answer is the platform's failure (Tencent then applies its own timeout rule).
 */
export function createAnswering(options: AnsweringOptions) {
  const answering = new Set(options.callbacks.filter(isAnswering).map((c) => c.name));
  let prepared: ReturnType<typeof prepare> | undefined;
  const prepare = () => import("./answer-run").then((run) => run.prepareAnswering(options, options.callbacks.filter(isAnswering) as AnyAnswering[]));
  if (answering.size > 0) (prepared = prepare()).catch(() => (prepared = undefined));
  return {
    serves: (event: CallbackEvent) => event.known && answering.has(event.callback),
    answer: async (event: CallbackEvent, req: InboundRequest): Promise<Outcome> => (await (prepared ??= prepare())).answer(event, req),
  };
}
