import type { CallbackEvent } from "../core/event";

/**
 * The event as every target receives it, made once before any runs: integers beyond 2^53 (bigints
 * from the parser, kept until validation judged them) become strings of their digits, as JSON
 * targets receive them too, and everything is frozen, so no target (the app's handler above all) can
 * change what the others receive; a handler that tries fails visibly (a TypeError in strict mode,
 * which ES modules and TypeScript output are). One walk over the event does both.
 */
export function sealEvent(event: CallbackEvent): CallbackEvent {
  seal(event);
  return event;
}

function seal(value: object): void {
  // Already sealed: a part reached twice (`data` and `raw` share the parts zod passed through).
  if (Object.isFrozen(value) || ArrayBuffer.isView(value)) return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === "bigint") record[key] = item.toString();
    else if (typeof item === "object" && item !== null) seal(item);
  }
  Object.freeze(value);
}
