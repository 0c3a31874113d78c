// When the redrive tries a dead letter again, and when it parks it: full-jitter backoff, the attempt and
// age limits, quarantined letters waiting for new schemas, and the settings that tune it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../shared/core/config";
import type { DeadLetter } from "../../shared/delivery/dead-letter/record";
import { afterFailure, backoffMs, parkAt, waitsForSchemas } from "../../shared/redrive/policy";
import { loadRedriveSettings, type RedriveSettings } from "../../shared/redrive/settings";

const HOUR = 3600_000;
const DEDUPE_TTL = 48 * HOUR;
const settingsArb = fc
  .record({
    base: fc.integer({ min: 0, max: 86_400 }),
    extra: fc.integer({ min: 0, max: 86_400 }),
    maxAttempts: fc.integer({ min: 1, max: 50 }),
    hours: fc.integer({ min: 1, max: 48 }),
  })
  .map(
    ({ base, extra, maxAttempts, hours }): RedriveSettings => ({
      backoffBaseMs: base * 1000,
      backoffMaxMs: (base + extra) * 1000,
      maxAttempts,
      maxAgeMs: hours * HOUR,
    }),
  );
const randomArb = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

function letter(receivedAt: number, attempts: number, history: DeadLetter["history"] = []): DeadLetter {
  return {
    kind: "undelivered",
    reason: "delivery_failed",
    message: "delivery failed",
    at: new Date(receivedAt).toISOString(),
    attempts,
    history,
    platform: "sud",
    request: { transport: "http", method: "POST", path: "/", query: {}, headers: {}, body: "", receivedAt },
  };
}

describe("backoff: full jitter under an exponential ceiling", () => {
  it("waits a random share of min(REDRIVE_BACKOFF_MAX_S, base × 2^(attempts − 1)), never more, never less than nothing", () => {
    fc.assert(
      fc.property(settingsArb, fc.integer({ min: 1, max: 200 }), randomArb, (settings, attempts, r) => {
        const ceiling = Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** (attempts - 1));
        const waited = backoffMs(attempts, settings, () => r);
        expect(waited).toBeGreaterThanOrEqual(0);
        expect(waited).toBeLessThanOrEqual(ceiling);
        expect(Number.isInteger(waited)).toBe(true);
      }),
    );
  });

  it("spreads letters that failed together over the whole ceiling (the jitter is not a small offset)", () => {
    const settings = { backoffBaseMs: 60_000, backoffMaxMs: 3600_000, maxAttempts: 10, maxAgeMs: 24 * HOUR };
    expect(backoffMs(3, settings, () => 0)).toBe(0);
    expect(backoffMs(3, settings, () => 0.999_999)).toBeGreaterThan(239_000);
    expect(backoffMs(30, settings, () => 0.999_999)).toBeLessThanOrEqual(3600_000);
    const spread = new Set(Array.from({ length: 200 }, () => Math.floor(backoffMs(4, settings) / 48_000)));
    expect(spread.size).toBe(10);
  });
});

describe("after a failed attempt: due again, or parked", () => {
  it("parks exactly at REDRIVE_MAX_ATTEMPTS attempts or REDRIVE_MAX_AGE_HOURS of age; else due after now and by the age limit", () => {
    fc.assert(
      fc.property(settingsArb, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 72 * HOUR }), fc.boolean(), randomArb, (settings, attempts, age, quarantined, r) => {
        const now = 1_800_000_000_000;
        const kept = letter(now - age, attempts);
        const step = afterFailure(kept, quarantined, now, settings, () => r);
        const shouldPark = attempts >= settings.maxAttempts || age >= settings.maxAgeMs;
        expect("park" in step).toBe(shouldPark);
        if ("dueAt" in step) {
          expect(step.dueAt).toBeGreaterThan(now);
          expect(step.dueAt).toBeLessThanOrEqual(Math.max(parkAt(kept, settings), now + 1));
          // Refused by today's schemas: no backoff, it waits for them to change until its age limit.
          if (quarantined) expect(step.dueAt).toBe(parkAt(kept, settings));
        } else {
          expect(step.park).toMatch(attempts >= settings.maxAttempts ? /REDRIVE_MAX_ATTEMPTS/ : /REDRIVE_MAX_AGE_HOURS/);
        }
      }),
    );
  });

  it("a quarantined letter waits while the schemas that last refused it are the deployed ones", () => {
    const refused = letter(0, 2, [{ at: "2026-11-21T00:00:00.000Z", reason: "invalid", message: "…", schemas: "aaaaaaaaaaaaaaaa" }]);
    expect(waitsForSchemas(refused, "aaaaaaaaaaaaaaaa")).toBe(true);
    expect(waitsForSchemas(refused, "bbbbbbbbbbbbbbbb")).toBe(false);
    // Never refused by known schemas (written by the function, or failed for another reason since): tried.
    expect(waitsForSchemas(letter(0, 1), "aaaaaaaaaaaaaaaa")).toBe(false);
    const sinceDeliveryFailed = letter(0, 3, [...refused.history!, { at: "2026-11-21T01:00:00.000Z", reason: "delivery_failed", message: "…" }]);
    expect(waitsForSchemas(sinceDeliveryFailed, "aaaaaaaaaaaaaaaa")).toBe(false);
  });
});

describe("REDRIVE_* settings", () => {
  it("defaults: 60 s base, 1 h ceiling, 10 attempts, 24 h", () => {
    expect(loadRedriveSettings({}, DEDUPE_TTL)).toEqual({ backoffBaseMs: 60_000, backoffMaxMs: 3600_000, maxAttempts: 10, maxAgeMs: 24 * HOUR });
  });

  it.each([
    [{ REDRIVE_BACKOFF_BASE_S: "600", REDRIVE_BACKOFF_MAX_S: "60" }, "REDRIVE_BACKOFF_MAX_S", /not be less than REDRIVE_BACKOFF_BASE_S/],
    [{ REDRIVE_MAX_AGE_HOURS: "49" }, "REDRIVE_MAX_AGE_HOURS", /must not exceed DEDUPE_TTL_HOURS/],
    [{ REDRIVE_MAX_ATTEMPTS: "0" }, "REDRIVE_MAX_ATTEMPTS", /whole number from 1/],
    [{ REDRIVE_BACKOFF_BASE_S: "s3cr3t-VALUE" }, "REDRIVE_BACKOFF_BASE_S", /whole number/],
  ])("%o is refused naming %s, never echoing the value", (env, variable, problem) => {
    let error: unknown;
    try {
      loadRedriveSettings(env, DEDUPE_TTL);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toMatch(problem);
    expect((error as Error).message).not.toContain("s3cr3t");
  });
});
