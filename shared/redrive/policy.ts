import type { DeadLetter } from "../delivery/dead-letter/record";
import type { RedriveSettings } from "./settings";

/** What becomes of a letter whose attempt failed: tried again at `dueAt`, or parked for a person, saying why. */
export type NextStep = { readonly dueAt: number } | { readonly park: string };

/**
 * Full jitter (a random share of an exponential ceiling): letters that failed together, in one outage,
 * do not all come back at the same moment. `attempts` counts the failed ones, the first delivery included.
 */
export function backoffMs(attempts: number, settings: RedriveSettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 40));
  return Math.floor(random() * ceiling);
}

/** When a letter is parked at the latest: its age limit, counted from receipt. */
export function parkAt(letter: DeadLetter, settings: RedriveSettings): number {
  return letter.request.receivedAt + settings.maxAgeMs;
}

/**
 * The step after a failed attempt (`letter` has it recorded). Parked once it has failed
 * REDRIVE_MAX_ATTEMPTS times or is REDRIVE_MAX_AGE_HOURS old; otherwise due after the backoff, and at
 * its age limit at the latest, for a last try. A letter today's schemas refused waits until they change
 * (the redrive brings it forward then) and is parked at its age limit. Always due after `now`, so a run
 * never takes a letter twice.
 */
export function afterFailure(letter: DeadLetter, quarantined: boolean, now: number, settings: RedriveSettings, random?: () => number): NextStep {
  if (letter.attempts >= settings.maxAttempts) {
    return { park: `failed ${letter.attempts} attempts (REDRIVE_MAX_ATTEMPTS is ${settings.maxAttempts})` };
  }
  const limit = parkAt(letter, settings);
  if (now >= limit) {
    return { park: `still undelivered ${hours(now - letter.request.receivedAt)} after receipt (REDRIVE_MAX_AGE_HOURS is ${hours(settings.maxAgeMs)})` };
  }
  const dueAt = quarantined ? limit : Math.min(limit, now + backoffMs(letter.attempts, settings, random));
  return { dueAt: Math.max(dueAt, now + 1) };
}

/** Whether the schemas that last refused a quarantined letter are the ones deployed now: trying it again would change nothing. */
export function waitsForSchemas(letter: DeadLetter, fingerprint: string): boolean {
  return letter.history?.at(-1)?.schemas === fingerprint;
}

export function hours(ms: number): string {
  const h = ms / 3600_000;
  return `${Number(h.toFixed(1))} h`;
}
