import type { CallbackEvent } from "../core/event";

/** Somewhere an accepted event goes: the app's typed handler, a log line, a forwarding URL, a stream. */
export interface Target {
  readonly name: string;
  send(event: CallbackEvent, signal: AbortSignal): Promise<void>;
}

export class DeliveryError extends Error {
  constructor(readonly target: string, cause: unknown) {
    super(`${target}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "DeliveryError";
  }
}

/**
 * Hands the event to every target and resolves only when all have it. Rejects with a DeliveryError
 * naming the first target that failed, or that had not finished when the deadline passed.
 */
export async function deliver(event: CallbackEvent, targets: readonly Target[], withinMs: number): Promise<void> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`not finished within ${withinMs} ms`));
    }, withinMs);
  });
  try {
    await Promise.all(
      targets.map((target) =>
        Promise.race([target.send(event, controller.signal), deadline]).catch((error: unknown) => {
          throw error instanceof DeliveryError ? error : new DeliveryError(target.name, error);
        }),
      ),
    );
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
