// SUD documents its ids (and times) as strings, but 64-bit numbers also arrive bare. Whatever digits a
// catalog event carries, bare or quoted, small or beyond 2^53, bigint or number, the typed event holds
// them as the same exact string.
import fc from "fast-check";
import { LosslessNumber, parse, stringify } from "lossless-json";
import { describe, expect, it } from "vitest";
import { sudCallbacks } from "../../shared/platforms/sud/catalog";
import { fixtureText } from "../helpers/fixtures";
import { bodyOf, harness } from "../helpers/harness";
import { sudCall } from "../helpers/requests";
import { RUNS } from "./arbitraries";

const FIXTURES = [
  "room-users-changed",
  "order-changed",
  "order-changed.old-shape",
  "order-batch-changed",
  "bid-result",
  "user-settle",
  "match-start",
  "match-settle",
  "room-game-rule",
  "auth-room-changed",
  "match-user-changed",
  "match-status-changed",
  "game-process",
  "player-status",
  "game-player-connect-status",
  "room-seat-changed",
  "player-draw-image",
  "bullet-game-start",
  "llm-ai-create-result",
  "llm-game-situation-summary",
];

type Path = ReadonlyArray<string | number>;

/** Where a fixture's data holds a digit string that could have been sent as a bare number. */
function digitPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value === "string") return /^[1-9]\d*$/.test(value) ? [path] : [];
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => digitPaths(item, [...path, Array.isArray(value) ? Number(key) : key]));
}
const at = (value: any, path: Path): any => path.reduce((node, key) => node?.[key], value);
function put(value: any, path: Path, item: unknown): void {
  at(value, path.slice(0, -1))[path[path.length - 1]!] = item;
}
// The docs' placeholder ids ("xxx") become digits, so every event has ids to send bare.
const textOf = (name: string) => fixtureText("sud", name).replace(/"xxx"/g, '"123"');
const notifyOf = (name: string) => parse(textOf(name), null, (n) => new LosslessNumber(n)) as any;

/** Digits of any length up to 20 (safe numbers, and beyond 2^53 up to past 2^64). */
const digitsArb = fc.bigInt({ min: 1n, max: 10n ** 20n - 1n });

describe("SUD ids keep every digit, however they are sent", () => {
  it("the fixtures have digits to send bare (the matchmaking samples have none)", () => {
    const without = FIXTURES.filter((f) => digitPaths(JSON.parse(textOf(f)).data).length === 0);
    expect(without).toEqual(["match-user-changed", "match-status-changed"]);
  });

  it("bare numbers in place of every digit string of a catalog event reach the typed event as the exact digits", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIXTURES), fc.array(digitsArb, { minLength: 20, maxLength: 20 }), async (fixture, numbers) => {
        // A harness per run: order and match events are named by ids the fixture may keep.
        const h = harness("sud-notify");
        const body = notifyOf(fixture);
        body.notify_id = `ids-${n++}`;
        const paths = digitPaths(JSON.parse(textOf(fixture)).data);
        for (const [i, path] of paths.entries()) put(body.data, path, new LosslessNumber(String(numbers[i % numbers.length])));
        const answer = await h.send(sudCall({ body: stringify(body)! }));
        expect(bodyOf(answer), fixture).toEqual({ ret_code: 0, ret_msg: "SUCCESS" });
        const data = h.delivered[h.delivered.length - 1]!.data;
        for (const [i, path] of paths.entries()) expect(at(data, path), `${fixture} ${path.join(".")}`).toBe(String(numbers[i % numbers.length]));
      }),
      RUNS,
    );
  });

  it("each schema takes an id as bigint or number and types it as the same string it would as a string", () => {
    const byName = new Map(sudCallbacks.map((c) => [c.name as string, c]));
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), digitsArb, fc.boolean(), (fixture, digits, asBigInt) => {
        const envelope = JSON.parse(textOf(fixture));
        const schema = byName.get(envelope.notify_event)!.schema;
        const paths = digitPaths(envelope.data);
        const value = asBigInt || digits > BigInt(Number.MAX_SAFE_INTEGER) ? digits : Number(digits);
        const asString = structuredClone(envelope.data);
        const asNumber = structuredClone(envelope.data);
        for (const path of paths) {
          put(asString, path, String(digits));
          put(asNumber, path, value);
        }
        const typed = schema.safeParse(asNumber);
        expect(typed.success, `${fixture}: ${JSON.stringify(typed.error?.issues)}`).toBe(true);
        expect(typed.data).toEqual(schema.parse(asString));
      }),
      RUNS,
    );
  });
});
