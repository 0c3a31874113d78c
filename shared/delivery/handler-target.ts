import type { AnswerOf, AnyAnswering } from "../core/answering";
import type { AnyCallback, DataOf, NameOf, SubEvents, SubEventsOf } from "../core/callback";
import type { CallbackEvent } from "../core/event";
import type { Target } from "./deliver";

/** The typed event of one callback definition. */
export type EventOf<C> = CallbackEvent<NameOf<C>, DataOf<C>>;

/** `<name>.<value>` for each documented sub-event, its event typed with the discriminator narrowed. */
type SubEntries<C> =
  SubEventsOf<C> extends SubEvents<infer Field, infer Value>
    ? Value extends string
      ? [`${NameOf<C>}.${Value}`, CallbackEvent<NameOf<C>, DataOf<C> & { readonly [K in Field]: Value }>]
      : never
    : never;
type Entries<C> = C extends AnyAnswering ? never : C extends AnyCallback ? [NameOf<C>, EventOf<C>] | SubEntries<C> : never;
/** An answering callback's handler returns its answer, typed per callback. */
type AnsweringEntries<C> = C extends AnyAnswering ? [NameOf<C>, EventOf<C>, AnswerOf<C>] : never;

/**
 * The app's business logic, one function per callback, each seeing its own fully typed event, and
 * one per sub-event where a callback has them (`"sud.mg.merchant.game.process.game_end"`), as
 * octokit's `on("issues.opened")`. Both run when both are given. `unknown` receives callbacks the
 * function has no schema for. A handler that throws, or is still running at the platform's
 * deadline, fails the delivery: the platform is told to retry. The handler of an answering callback
 * (a gift check, a token call) returns the answer instead; when it throws, is late or is missing, the
 * callback's default answers.
 */
export type CallbackHandlers<Callbacks extends readonly AnyCallback[]> = {
  readonly [E in Entries<Callbacks[number]> as E[0]]?: (event: E[1], signal: AbortSignal) => unknown;
} & {
  readonly [E in AnsweringEntries<Callbacks[number]> as E[0]]?: (event: E[1], signal: AbortSignal) => E[2] | Promise<E[2]>;
} & {
  readonly unknown?: (event: CallbackEvent<string, unknown>, signal: AbortSignal) => unknown;
};

type Handler = (event: CallbackEvent, signal: AbortSignal) => unknown;

export function handlerTarget(handlers: Readonly<Record<string, unknown>>): Target {
  const handlersFor = (event: CallbackEvent): Handler[] => {
    if (!event.known) return handlers.unknown ? [handlers.unknown as Handler] : [];
    // An answered event's handler has run already: it gave the answer.
    if (event.answer) return [];
    const found: Handler[] = [];
    const own = handlers[event.callback];
    if (own) found.push(own as Handler);
    const sub = event.subEvent === undefined ? undefined : handlers[`${event.callback}.${event.subEvent}`];
    if (sub) found.push(sub as Handler);
    return found;
  };
  return {
    name: "handler",
    privateErrors: true,
    wants: (event) => handlersFor(event).length > 0,
    async send(event, signal) {
      const found = handlersFor(event);
      if (found.length === 1) await found[0]!(event, signal);
      else await Promise.all(found.map((handler) => handler(event, signal)));
    },
  };
}
