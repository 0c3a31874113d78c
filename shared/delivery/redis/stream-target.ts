import type { Target } from "../deliver";
import { toJson, wireKey } from "../wire";
import type { RedisHandle } from "./lazy";

/**
 * Appends each event to a Redis stream for apps that consume asynchronously (XREADGROUP). Fields:
 * `id` (the same value as a forward's webhook-id, to de-duplicate on), `platform`, `callback`, `event`
 * (the event as JSON).
 * The stream is not trimmed here: trimming could drop events nobody has read yet.
 */
export function streamTarget(redis: RedisHandle, stream: string): Target {
  return {
    name: "stream",
    // The client's errors name the Redis host and speak of its connection: they go to the log, not the answer.
    privateErrors: true,
    async send(event) {
      const client = await redis.client();
      await client.xadd(stream, "*", "id", wireKey(event), "platform", event.platform, "callback", event.callback, "event", toJson(event));
    },
  };
}
