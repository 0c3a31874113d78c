import type { Env } from "../core/config";
import type { Logger } from "../core/log";
import { redisDeadLetters } from "./dead-letter/redis";
import { type DeadLetterStore, logDeadLetters } from "./dead-letter/store";
import { MemoryDedupeStore } from "./dedupe/memory";
import { RedisDedupeStore } from "./dedupe/redis";
import type { DedupeStore } from "./dedupe/store";
import type { Target } from "./deliver";
import { forwardTarget } from "./forward/target";
import { lazyRedis, type RedisHandle } from "./redis/lazy";
import { streamTarget } from "./redis/stream-target";
import { type DeliverySettings, loadDeliverySettings } from "./settings";

/** Dedupe, targets and dead letters wired from the environment: the one place that reads those settings. */
export interface Delivery {
  readonly settings: DeliverySettings;
  readonly dedupe: DedupeStore;
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
  if (settings.forward) targets.push(forwardTarget(settings.forward));

  let redis: RedisHandle | undefined;
  let dedupe: DedupeStore;
  let deadLetters = logDeadLetters(log);
  if (settings.redis) {
    redis = lazyRedis(settings.redis, log);
    dedupe = new RedisDedupeStore(redis, `${settings.redis.keyPrefix}dedupe:`, settings.completedTtlMs);
    deadLetters = redisDeadLetters(redis, settings.redis.deadLetterStream, deadLetters);
    if (settings.stream) targets.push(streamTarget(redis, settings.stream));
  } else {
    dedupe = new MemoryDedupeStore(10_000, Date.now, settings.completedTtlMs);
  }

  if (redis || settings.forward) {
    log("info", "delivery configured", {
      dedupe: redis ? `redis ${redis.host}` : "memory",
      targets: ["handler", ...targets.map((t) => t.name)],
      deadLetters: settings.redis?.deadLetterStream ?? "log",
    });
  }
  const origin = env.FC_FUNCTION_NAME ?? env.AWS_LAMBDA_FUNCTION_NAME;
  return { settings, dedupe, targets, deadLetters: stamped(deadLetters, origin), redis, close: async () => redis?.close() };
}

/** Adds which function wrote the letter, so replay can run it through the same function. */
function stamped(store: DeadLetterStore, origin: string | undefined): DeadLetterStore {
  return origin ? { keep: (letter) => store.keep({ ...letter, function: origin }) } : store;
}
