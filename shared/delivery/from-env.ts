import type { Env } from "../core/config";
import type { Logger } from "../core/log";
import { redisDeadLetters } from "./dead-letter/redis";
import { sealLetter } from "./dead-letter/seal";
import { type DeadLetterStore, logDeadLetters } from "./dead-letter/store";
import { MemoryDedupeStore } from "./dedupe/memory";
import { RedisDedupeStore } from "./dedupe/redis";
import type { DedupeStore } from "./dedupe/store";
import type { Target } from "./deliver";
import { lazyForwardTarget } from "./forward/lazy";
import { MemoryNonceStore } from "./nonce/memory";
import { RedisNonceStore } from "./nonce/redis";
import type { NonceStore } from "./nonce/store";
import { lazyRedis, type RedisHandle } from "./redis/lazy";
import { streamTarget } from "./redis/stream-target";
import { type DeliverySettings, loadDeliverySettings } from "./settings";

/** Dedupe, targets and dead letters wired from the environment: the one place that reads those settings. */
export interface Delivery {
  readonly settings: DeliverySettings;
  readonly dedupe: DedupeStore;
  /** Signatures already accepted (SUD's nonces): shared in Redis, else the instance's memory. */
  readonly nonces: NonceStore;
  /** The configured targets (forward, stream); the app's typed handlers are added by the function. */
  readonly targets: readonly Target[];
  readonly deadLetters: DeadLetterStore;
  /** The shared connection when REDIS_URL is set; nothing connects until first use. */
  readonly redis?: RedisHandle;
  close(): Promise<void>;
}

/** Throws a ConfigError for a missing or bad setting. */
export function deliveryFromEnv(env: Env, log: Logger): Delivery {
  const settings = loadDeliverySettings(env);
  const targets: Target[] = [];
  if (settings.forward) targets.push(lazyForwardTarget(settings.forward));

  let redis: RedisHandle | undefined;
  let dedupe: DedupeStore;
  let nonces: NonceStore;
  let deadLetters = logDeadLetters(log);
  if (settings.redis) {
    redis = lazyRedis(settings.redis, log);
    dedupe = new RedisDedupeStore(redis, `${settings.redis.keyPrefix}dedupe:`, settings.completedTtlMs);
    nonces = new RedisNonceStore(redis, `${settings.redis.keyPrefix}nonce:`);
    deadLetters = redisDeadLetters(redis, settings.redis.deadLetterStream, deadLetters);
    if (settings.stream) targets.push(streamTarget(redis, settings.stream));
  } else {
    dedupe = new MemoryDedupeStore(10_000, Date.now, settings.completedTtlMs);
    nonces = new MemoryNonceStore();
  }

  if (redis || settings.forward) {
    log("info", "delivery configured", {
      dedupe: redis ? `redis ${redis.host}` : "memory",
      targets: ["handler", ...targets.map((t) => t.name)],
      deadLetters: settings.redis?.deadLetterStream ?? "log",
    });
  }
  if (settings.deadLetterKeys.length === 0) {
    log("warn", "dead letters unprotected", { problem: "DEAD_LETTER_KEY is not set: replay cannot tell an altered dead letter from the one kept" });
  }
  const origin = env.FC_FUNCTION_NAME ?? env.AWS_LAMBDA_FUNCTION_NAME;
  return { settings, dedupe, nonces, targets, deadLetters: sealed(deadLetters, origin, settings.deadLetterKeys), redis, close: async () => redis?.close() };
}

/**
 * Adds which function wrote the letter, so replay can run it through the same function, then seals
 * it. A letter that cannot be sealed is still kept: losing it would be worse than keeping it unsealed.
 */
function sealed(store: DeadLetterStore, origin: string | undefined, keys: readonly Buffer[]): DeadLetterStore {
  return {
    keep: (letter) => {
      const stamped = origin ? { ...letter, function: origin } : letter;
      let kept = stamped;
      try {
        kept = sealLetter(stamped, keys);
      } catch {
        // Not serialisable as JSON: the store below meets the same problem and says so.
      }
      return store.keep(kept);
    },
  };
}
