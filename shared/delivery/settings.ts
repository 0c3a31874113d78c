import { ConfigError, type Env, integerSetting, listSetting, optionalSetting } from "../core/config";
import { decodeLetterKey } from "./dead-letter/seal";
import { splitCredentials } from "./forward/credentials";
import { decodeWebhookSecret } from "./forward/sign";
import type { ForwardOptions } from "./forward/target";
import type { RedisOptions } from "./redis/connect";

/** Where accepted events go and how they are de-duplicated, as the environment says. */
export interface DeliverySettings {
  /** Unset: dedupe in per-instance memory, dead letters in the log. */
  readonly redis?: RedisOptions & { readonly keyPrefix: string; readonly deadLetterStream: string };
  /** Also append every accepted event to this Redis stream. */
  readonly stream?: string;
  /** Also POST every accepted event to the app's backend, signed per Standard Webhooks. */
  readonly forward?: ForwardOptions;
  /** How long a delivered id is remembered. */
  readonly completedTtlMs: number;
  /** DEAD_LETTER_KEY: the first seals dead letters, any verifies one at replay. Empty: letters are unprotected. */
  readonly deadLetterKeys: readonly Buffer[];
}

/** Read once per cold start; throws a ConfigError naming the variable, never its value. */
export function loadDeliverySettings(env: Env): DeliverySettings {
  const redis = redisSettings(env);
  const stream = optionalSetting(env, "REDIS_STREAM");
  if (stream && !redis) throw new ConfigError("REDIS_STREAM", "needs REDIS_URL to be set");
  return {
    redis,
    stream,
    forward: forwardSettings(env),
    // At least 16 h: longer than SUD's retry schedule, so a late retry still finds the id.
    completedTtlMs: integerSetting(env, "DEDUPE_TTL_HOURS", 48, 16, 24 * 30) * 3600_000,
    deadLetterKeys: deadLetterKeys(env),
  };
}

function deadLetterKeys(env: Env): Buffer[] {
  return listSetting(env, "DEAD_LETTER_KEY", false).map((text) => {
    const key = decodeLetterKey(text);
    if (!key) throw new ConfigError("DEAD_LETTER_KEY", "must be the base64 of at least 32 random bytes (comma-separate several during a rotation)");
    return key;
  });
}

function redisSettings(env: Env): DeliverySettings["redis"] {
  const raw = optionalSetting(env, "REDIS_URL");
  if (raw === undefined) return undefined;
  const url = parseUrl(raw);
  if (!url || (url.protocol !== "redis:" && url.protocol !== "rediss:") || !url.hostname) {
    throw new ConfigError("REDIS_URL", "must be a redis:// or rediss:// URL with a host");
  }
  const keyPrefix = optionalSetting(env, "REDIS_KEY_PREFIX") ?? "callbacks:";
  return {
    url: raw,
    host: `${url.hostname}:${url.port || "6379"}`,
    // A few round trips fit in the platform's answer time (Tencent waits 2 s) even when Redis is down.
    timeoutMs: integerSetting(env, "REDIS_TIMEOUT_MS", 250, 20, 1000),
    keyPrefix,
    deadLetterStream: optionalSetting(env, "DEAD_LETTER_STREAM") ?? `${keyPrefix}dead-letters`,
  };
}

function forwardSettings(env: Env): DeliverySettings["forward"] {
  const raw = optionalSetting(env, "FORWARD_URL");
  if (raw === undefined) return undefined;
  const url = parseUrl(raw);
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) throw new ConfigError("FORWARD_URL", "must be an http:// or https:// URL");
  const secrets = listSetting(env, "FORWARD_SECRET", true).map((text) => {
    const key = decodeWebhookSecret(text);
    // Standard Webhooks asks for 24 to 64 random bytes.
    if (!key || key.length < 24) throw new ConfigError("FORWARD_SECRET", "must be whsec_ followed by the base64 of at least 24 random bytes");
    return key;
  });
  return { ...splitCredentials(url), secrets };
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
