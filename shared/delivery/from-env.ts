import type { Env } from "../core/config";
import type { Logger } from "../core/log";
import { type DeadLetterStore, logDeadLetters } from "./dead-letter/store";
import { MemoryDedupeStore } from "./dedupe/memory";
import type { DedupeStore } from "./dedupe/store";
import type { Target } from "./deliver";
import { lazyForwardTarget } from "./forward/lazy";
import { MemoryNonceStore } from "./nonce/memory";
import type { NonceStore } from "./nonce/store";
import { lazyRedis, type RedisHandle } from "./redis/lazy";
import { lazyRedisStores } from "./redis/lazy-stores";
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
    // The stores' code is in redis.js with the client, loaded at their first use.
    const stores = lazyRedisStores(redis, settings.redis.keyPrefix, settings.completedTtlMs, settings.redis.deadLetterStream, deadLetters);
    ({ dedupe, nonces, deadLetters } = stores);
    if (settings.stream) targets.push(stores.stream(settings.stream));
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
 * The sealing code is seal.js beside index.js, loaded at the first dead letter (a failure path).
 */
function sealed(store: DeadLetterStore, origin: string | undefined, keys: readonly Buffer[]): DeadLetterStore {
  let seal: Promise<typeof import("./dead-letter/seal")> | undefined;
  return {
    keep: async (letter) => {
      const stamped = origin ? { ...letter, function: origin } : letter;
      let kept = stamped;
      try {
        if (keys.length > 0) kept = (await (seal ??= import("./dead-letter/seal"))).sealLetter(stamped, keys);
      } catch {
        // Not serialisable as JSON, or seal.js missing: the letter is kept unsealed (replay says so).
        seal = undefined;
      }
      return store.keep(kept);
    },
  };
}
