import { createHash } from "node:crypto";
import type { CallbackEvent } from "../core/event";
import type { DeadLetter } from "./dead-letter/record";

/**
 * The one key of an event across platforms: what dedupe claims (under the Redis key prefix).
 * Consumers get it as `wireKey`. Platform names hold no `:`, so the first `:` ends the platform and
 * different (platform, id) pairs never share a key; each platform's ids are composed the same way (composeId).
 */
export function eventKey(event: Pick<CallbackEvent, "platform" | "id">): string {
  return `${event.platform}:${event.id}`;
}

/**
 * The event key as it leaves the function: a forward's `webhook-id` and a stream entry's `id`, the
 * same on every retry and replay, so consumers de-duplicate on it. A readable key goes as it is; any
 * other (not printable ASCII, space at an end, which a receiver would trim, too long for a header,
 * or posing as a hashed one) becomes `<platform>:sha256:<hex of the id's UTF-8>`. Both forms differ
 * for different events: a readable id never starts with `sha256:`.
 */
export function wireKey(event: Pick<CallbackEvent, "platform" | "id">): string {
  const key = eventKey(event);
  if (READABLE.test(key) && !event.id.startsWith(HASHED)) return key;
  return `${event.platform}:${HASHED}${createHash("sha256").update(utf8(event.id)).digest("hex")}`;
}

const HASHED = "sha256:";
/** Printable ASCII, no space at either end, at most 200 characters. */
const READABLE = /^[!-~](?:[ -~]{0,198}[!-~])?$/;
// With the u flag a surrogate range matches only a surrogate that is not half of a pair. Not \p{Cs}: that
// property is looked up in Unicode's tables when the pattern is built, about 1.4 M instructions of every
// cold start.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * UTF-8, except that a lone surrogate (JSON can carry one as `\ud800`) keeps its own 3 bytes instead
 * of becoming U+FFFD, so two different ids never hash alike (Python: `id.encode("utf-8", "surrogatepass")`).
 */
function utf8(text: string): Buffer {
  if (!LONE_SURROGATE.test(text)) return Buffer.from(text, "utf8");
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else bytes.push(...Buffer.from(char, "utf8"));
  }
  return Buffer.from(bytes);
}

/**
 * JSON for what leaves the function (forwards, stream entries, dead letters). Events keep the
 * CallbackEvent shape, one for all platforms; an integer beyond 2^53 (a bigint) becomes a string of
 * its digits. An event from the parser always serialises (its nesting is limited, it is frozen before
 * any target sees it); were one not to, the target fails and the callback becomes a dead letter.
 */
export function toJson(value: CallbackEvent | object): string {
  // Most values hold no bigint (a sealed event never does): without a replacer JSON.stringify runs
  // about twice as fast, and it throws on a bigint, which the replacer then writes as its digits.
  try {
    return JSON.stringify(value);
  } catch {
    return JSON.stringify(value, bigintDigits);
  }
}

const bigintDigits = (_key: string, item: unknown) => (typeof item === "bigint" ? item.toString() : item);

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
