import type { RedisHandle } from "../redis/lazy";
import { letterJson } from "../wire";
import type { DeadLetterStore } from "./store";

/**
 * Dead letters as entries of a Redis stream (field `letter`, the record as JSON, plus `kind` and
 * `reason` to read at a glance). When Redis cannot take one, it goes to the fallback (the log).
 */
export function redisDeadLetters(redis: RedisHandle, stream: string, fallback: DeadLetterStore): DeadLetterStore {
  return {
    async keep(letter) {
      try {
        const client = await redis.client();
        const id = await client.xadd(stream, "*", "kind", letter.kind, "reason", letter.reason, "letter", letterJson(letter));
        if (id) return `${stream} ${id}`;
      } catch {
        // Redis is down: the log below is where the letter survives.
      }
      return fallback.keep(letter);
    },
  };
}
