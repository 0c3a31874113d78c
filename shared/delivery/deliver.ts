import type { Maybe } from "../core/maybe";
import type { CallbackEvent } from "../core/event";
import { sealEvent } from "./seal-event";

/** Somewhere an accepted event goes: the app's typed handler, a log line, a forwarding URL, a stream. */
export interface Target {
  readonly name: string;
  /** Its errors may hold anything (the app's own handler): they go to the log, never to the platform's answer. */
  readonly privateErrors?: boolean;
  /** False when it has nothing to do with this event (no handler for the callback); absent means always. */
  wants?(event: CallbackEvent): boolean;
  send(event: CallbackEvent, signal: AbortSignal): Promise<void>;
}

/**
 * A target's failure that says more in the log and the dead letter (`detail`) than in the platform's
 * answer (`message`): a backend's internal URL, say.
 */
export class TargetError extends Error {
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
    this.name = "TargetError";
  }
}

class DeadlineError extends Error {
  constructor(withinMs: number) {
    super(`not finished within ${withinMs} ms`);
  }
}

/**
 * Some targets do not have the event. `message` holds each target's own error (with its detail), for
 * the log and the dead letter; `publicMessage`, for the platform's answer, leaves out a detail and what
 * a private target said.
 */
export class DeliveryError extends Error {
  /** A target was still running at the deadline: it may yet finish, so its claim must not be released. */
  readonly timedOut: boolean;
  readonly publicMessage: string;

  constructor(failures: ReadonlyArray<{ target: Pick<Target, "name" | "privateErrors">; cause: unknown }>) {
    const said = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));
    // By shape, not class: the forward target's TargetError comes from its own chunk (forward.js).
    const detailed = (cause: unknown) => (typeof (cause as Partial<TargetError> | undefined)?.detail === "string" ? (cause as TargetError).detail : said(cause));
    super(failures.map(({ target, cause }) => `${target.name}: ${detailed(cause)}`).join("; "));
    this.name = "DeliveryError";
    this.timedOut = failures.some((f) => f.cause instanceof DeadlineError);
    this.publicMessage = failures
      .map(({ target, cause }) => `${target.name}: ${target.privateErrors && !(cause instanceof DeadlineError) ? "failed (its error is in the function's log)" : said(cause)}`)
      .join("; ");
  }
}

/**
 * Hands the event to every target that wants it, all at once, and resolves only when all have it.
 * Otherwise rejects, once every target has settled or the deadline passed, with a DeliveryError
 * naming those that failed: waiting for all means no target is still running unseen when the
 * claim is released. The signal is aborted only at the deadline. The event is sealed first: every
 * target gets the event dedupe claimed, whatever another target does with it. Resolves with the
 * names of the targets that have it, for the accepted log line.
 */
export function deliver(event: CallbackEvent, targets: readonly Target[], withinMs: number): Maybe<string[]> {
  const wanted = targets.filter((target) => target.wants?.(event) ?? true);
  // Nothing to wait for (no handler for this callback, no forwarding): no timer, no signal, no promise.
  return wanted.length === 0 ? [] : deliverTo(event, wanted, withinMs);
}

/** `deliver` to targets known to want the event (at least one). */
async function deliverTo(event: CallbackEvent, wanted: readonly Target[], withinMs: number): Promise<string[]> {
  sealEvent(event);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DeadlineError(withinMs));
    }, withinMs);
  });
  try {
    const results = await Promise.allSettled(wanted.map((target) => Promise.race([target.send(event, controller.signal), deadline])));
    const failures = results.flatMap((result, i) => (result.status === "rejected" ? [{ target: wanted[i]!, cause: result.reason }] : []));
    if (failures.length > 0) throw new DeliveryError(failures);
    return wanted.map((target) => target.name);
  } finally {
    clearTimeout(timer);
  }
}
