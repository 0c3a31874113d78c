import type { AnyCallback, DataOf, NameOf } from "../core/callback";
import type { CallbackEvent } from "../core/event";
import type { Target } from "./deliver";

/** The typed event of one callback definition. */
export type EventOf<C> = CallbackEvent<NameOf<C>, DataOf<C>>;

/**
 * The app's business logic, one function per callback, each seeing its own fully typed event.
 * `unknown` receives callbacks the function has no schema for. A handler that throws, or is still
 * running at the platform's deadline, fails the delivery: the platform is told to retry.
 */
export type CallbackHandlers<Callbacks extends readonly AnyCallback[]> = {
  readonly [C in Callbacks[number] as NameOf<C>]?: (event: EventOf<C>, signal: AbortSignal) => unknown;
} & {
  readonly unknown?: (event: CallbackEvent<string, unknown>, signal: AbortSignal) => unknown;
};

export function handlerTarget(handlers: Readonly<Record<string, unknown>>): Target {
  const handlerFor = (event: CallbackEvent) =>
    (event.known ? handlers[event.callback] : handlers.unknown) as ((event: CallbackEvent, signal: AbortSignal) => unknown) | undefined;
  return {
    name: "handler",
    privateErrors: true,
    wants: (event) => handlerFor(event) !== undefined,
    async send(event, signal) {
      await handlerFor(event)?.(event, signal);
    },
  };
}
