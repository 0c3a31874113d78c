import { ConfigError, type Env, integerSetting } from "../core/config";

/** How the redrive retries dead letters, and when it gives up and parks one for a person. */
export interface RedriveSettings {
  /** The first backoff; each failed attempt doubles it, up to `backoffMaxMs`, and a random share of it is waited (full jitter). */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** A letter that has failed this many attempts (its first delivery counts) is parked. */
  readonly maxAttempts: number;
  /** A letter received this long ago whose attempt fails is parked. */
  readonly maxAgeMs: number;
}

/** Read once per cold start; throws a ConfigError naming the variable, never its value. */
export function loadRedriveSettings(env: Env, completedTtlMs: number): RedriveSettings {
  const backoffBaseMs = integerSetting(env, "REDRIVE_BACKOFF_BASE_S", 60, 0, 86_400) * 1000;
  const backoffMaxMs = integerSetting(env, "REDRIVE_BACKOFF_MAX_S", 3600, 0, 7 * 86_400) * 1000;
  if (backoffMaxMs < backoffBaseMs) throw new ConfigError("REDRIVE_BACKOFF_MAX_S", "must not be less than REDRIVE_BACKOFF_BASE_S");
  const maxAgeMs = integerSetting(env, "REDRIVE_MAX_AGE_HOURS", 24, 1, 24 * 30) * 3600_000;
  // Older than the dedupe memory, a replay could deliver an event a second time: such letters wait for a person.
  if (maxAgeMs > completedTtlMs) {
    throw new ConfigError("REDRIVE_MAX_AGE_HOURS", "must not exceed DEDUPE_TTL_HOURS, the time delivered ids are remembered");
  }
  return { backoffBaseMs, backoffMaxMs, maxAttempts: integerSetting(env, "REDRIVE_MAX_ATTEMPTS", 10, 1, 1000), maxAgeMs };
}
