import type { DeadLetterStore } from "../dead-letter/store";
import type { DedupeStore } from "../dedupe/store";
import type { Target } from "../deliver";
import type { NonceStore } from "../nonce/store";
import { loadRedisChunk, type RedisHandle } from "./lazy";

type Chunk = Awaited<ReturnType<typeof loadRedisChunk>>;

/** An object whose methods are those of one made from the Redis chunk at the first call (the chunk loads then). */
function fromChunk<T extends object>(make: (chunk: Chunk) => T): T {
  // The promise is kept, not the value: concurrent first calls must share one object (a store's token).
  let made: Promise<T> | undefined;
  return new Proxy({} as T, {
    // Not a thenable: `then` stays undefined, so the object is never awaited as a promise.
    get: (_, method) =>
      method === "then"
        ? undefined
        : async (...args: unknown[]) => {
            const loading = (made ??= loadRedisChunk().then(make, (error: unknown) => {
              made = undefined;
              return Promise.reject(error);
            }));
            return ((await loading) as any)[method](...args);
          },
  }) as T;
}

/**
 * The Redis stores and the stream target, their code in redis.js: a function without REDIS_URL never
 * carries them in index.js. A dead letter that the chunk cannot take goes to the fallback (the log).
 */
export function lazyRedisStores(redis: RedisHandle, keyPrefix: string, completedTtlMs: number, deadLetterStream: string, fallback: DeadLetterStore) {
  const letters = fromChunk((c) => c.redisDeadLetters(redis, deadLetterStream, fallback));
  return {
    dedupe: fromChunk<DedupeStore>((c) => new c.RedisDedupeStore(redis, `${keyPrefix}dedupe:`, completedTtlMs)),
    nonces: fromChunk<NonceStore>((c) => new c.RedisNonceStore(redis, `${keyPrefix}nonce:`)),
    deadLetters: { keep: (letter) => letters.keep(letter).catch(() => fallback.keep(letter)) } satisfies DeadLetterStore,
    stream: (name: string): Target => {
      const target = fromChunk<Target>((c) => c.streamTarget(redis, name));
      return { name: "stream", privateErrors: true, send: (event, signal) => target.send(event, signal) };
    },
  };
}
