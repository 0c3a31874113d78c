import type { CallbackEvent } from "../core/event";
import type { DeadLetter } from "./dead-letter/record";

/**
 * The one key of an event across platforms: what dedupe claims (under the Redis key prefix), what a
 * forward sends as `webhook-id`, what a stream entry carries as `id`. Consumers de-duplicate on it.
 * Platform names hold no `:`, so the first `:` ends the platform and different (platform, id) pairs
 * never share a key; each platform's ids are composed the same way (composeId).
 */
export function eventKey(event: Pick<CallbackEvent, "platform" | "id">): string {
  return `${event.platform}:${event.id}`;
}

/**
 * JSON for what leaves the function (forwards, stream entries, dead letters). Events keep the
 * CallbackEvent shape, one for all platforms; an integer beyond 2^53 (a bigint) becomes a string of
 * its digits. An event from the parser always serialises (its nesting is limited, it is frozen before
 * any target sees it); were one not to, the target fails and the callback becomes a dead letter.
 */
export function toJson(value: CallbackEvent | object): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item));
}

/**
 * A dead letter as JSON, never failing: a letter whose event cannot be written keeps everything else,
 * the request's exact bytes above all, which is what replay needs.
 */
export function letterJson(letter: DeadLetter): string {
  try {
    return toJson(letter);
  } catch (error) {
    return toJson({ ...letter, event: undefined, message: `${letter.message} (event left out of the letter: ${(error as Error).message})` });
  }
}
