import type { CallbackEvent } from "../core/event";

/**
 * The one key of an event across platforms: what dedupe claims, what a forward sends as `webhook-id`,
 * what a stream entry carries as `id`. Consumers de-duplicate on it.
 */
export function eventKey(event: Pick<CallbackEvent, "platform" | "id">): string {
  return `${event.platform}:${event.id}`;
}

/**
 * JSON for what leaves the function (forwards, stream entries, dead letters). Events keep the
 * CallbackEvent shape, one for all platforms; a bigint, should a schema yield one, becomes a string.
 */
export function toJson(value: CallbackEvent | object): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item));
}
