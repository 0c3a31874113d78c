// When the emulator fires an FC timer trigger: s.yaml's `cronExpression` read as FC reads it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDuration, parseSchedule } from "../../scripts/emulator/fc/schedule";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("FC timer schedules", () => {
  it("@every <Go duration>: 5m, 1h30m, 1.5h, 30s, 500ms", () => {
    expect([parseDuration("5m"), parseDuration("1h30m"), parseDuration("1.5h"), parseDuration("30s"), parseDuration("500ms")]).toEqual([
      300_000, 5_400_000, 5_400_000, 30_000, 500,
    ]);
    for (const bad of ["", "5", "5 m", "m", "0s", "-1m", "5d"]) expect(parseDuration(bad), bad).toBeUndefined();
    expect(parseSchedule("@every 5m").next(at("2026-11-21T04:00:00Z"))).toBe(at("2026-11-21T04:05:00Z"));
    expect(() => parseSchedule("@every soon")).toThrow(/not an interval/);
  });

  it("cron with seconds, in UTC: steps, ranges, lists, names", () => {
    const from = at("2026-11-21T04:03:17Z"); // a Saturday
    expect(iso(parseSchedule("0 */5 * * * *").next(from))).toBe("2026-11-21T04:05:00.000Z");
    expect(iso(parseSchedule("30 * * * * *").next(from))).toBe("2026-11-21T04:03:30.000Z");
    expect(iso(parseSchedule("0 0 4 * * *").next(from))).toBe("2026-11-22T04:00:00.000Z");
    expect(iso(parseSchedule("0 0 9 * * MON-FRI").next(from))).toBe("2026-11-23T09:00:00.000Z");
    expect(iso(parseSchedule("0 0 0 1 JAN,JUL ?").next(from))).toBe("2027-01-01T00:00:00.000Z");
    expect(iso(parseSchedule("0 10-50/20 * * * *").next(from))).toBe("2026-11-21T04:10:00.000Z");
    expect(iso(parseSchedule("0 0 12 * * 7").next(from))).toBe("2026-11-22T12:00:00.000Z");
  });

  it("CRON_TZ= reads the fields in that zone", () => {
    expect(iso(parseSchedule("CRON_TZ=Asia/Shanghai 0 0 4 * * *").next(at("2026-11-21T04:03:17Z")))).toBe("2026-11-21T20:00:00.000Z");
    expect(() => parseSchedule("CRON_TZ=Mars/Olympus 0 0 4 * * *")).toThrow(/not a time zone/);
  });

  it("refuses what FC would not take, saying why", () => {
    expect(() => parseSchedule("*/5 * * * *")).toThrow(/needs 6 fields/);
    expect(() => parseSchedule("0 61 * * * *")).toThrow(/minutes takes 0-59, not "61"/);
    expect(() => parseSchedule("0 0 0 30 FEB *").next(0)).toThrow(/never fires/);
  });

  it("the next time always comes later, on a whole second, and matches the expression (property)", () => {
    const schedule = parseSchedule("*/7 */3 * * * *");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), (after) => {
        const next = schedule.next(after);
        expect(next).toBeGreaterThan(after);
        expect(next % 1000).toBe(0);
        const d = new Date(next);
        expect(d.getUTCSeconds() % 7).toBe(0);
        expect(d.getUTCMinutes() % 3).toBe(0);
        expect(next - after).toBeLessThanOrEqual(3 * 60_000);
      }),
    );
  });
});
