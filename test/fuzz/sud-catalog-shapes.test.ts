// Whatever SUD puts in any field of a catalog event, the one notify URL answers with a well-formed SUD
// ack: accepted, or refused with 400 naming what was wrong; never an internal error from a transform.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJson } from "../../shared/core/json";
import { ackProblem } from "../helpers/acks";
import { editFixture } from "../helpers/fixtures";
import { bodyOf, harness } from "../helpers/harness";
import { sudCall } from "../helpers/requests";
import { RUNS } from "./arbitraries";

const FIXTURES = [
  "room-users-changed",
  "order-changed",
  "order-changed.old-shape",
  "order-batch-changed.bare-ids",
  "bid-result",
  "user-settle",
  "match-start",
  "match-settle.bare-ids",
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

/** Every path of a JSON value (objects and arrays), the root's fields first. */
function paths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const here = [...path, Array.isArray(value) ? Number(key) : key];
    return [here, ...paths(item, here)];
  });
}

const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom("", "0", "-1", "1e3", "0x10", " 12 ", "PLAYUING", "data:", "data:image/png;base64,", "__proto__", "{", "[1,"),
  fc.constantFrom(-1, 0, 1, 2, 1.5, 2 ** 53, -(2 ** 31)),
);

describe("a SUD catalog event with any field replaced", () => {
  it("is typed and accepted, or quarantined naming the field, never an internal error", async () => {
    const logs: unknown[] = [];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIXTURES), fc.nat(), oddValue, fc.boolean(), async (fixture, pick, value, remove) => {
        // A function per run: orders and matches are named by ids an edit may leave as they were.
        const h = harness("sud-notify");
        const body = editFixture("sud", fixture, (b) => {
          b.notify_id = `shape-${n++}`;
          const all = paths(b.data);
          if (all.length === 0) return;
          const path = all[pick % all.length]!;
          const parent = path.slice(0, -1).reduce((node: any, key) => node[key], b.data);
          if (remove) delete parent[path[path.length - 1]!];
          else parent[path[path.length - 1]!] = value;
        });
        const answer = await h.send(sudCall({ body }));
        expect(answer.status, answer.body).toBe(200);
        expect(ackProblem("sud", answer)).toBeUndefined();
        if (bodyOf(answer).ret_msg !== "SUCCESS") expect(bodyOf(answer).ret_msg).toMatch(/^quarantined: invalid: sud\.mg\.merchant\.[a-z.]+: /);
        // What is accepted is typed as its own callback, never passed on untyped.
        else expect(h.delivered).toMatchObject([{ known: true, callback: JSON.parse(body).notify_event }]);
        logs.push(...h.logs.filter((l) => l.message === "unexpected failure"));
      }),
      RUNS,
    );
    expect(logs).toEqual([]);
  });

  it("room.game.rule takes any rule text, however nested or broken, and parses it or leaves it", async () => {
    const h = harness("sud-notify");
    let n = 0;
    // Each rule with how deep it nests: short text and JSON a few levels deep, or brackets thousands deep.
    const ruleArb = fc.oneof(
      fc.string({ maxLength: 80 }).map((rule) => ({ rule, deep: false })),
      fc.json({ maxDepth: 4 }).map((rule) => ({ rule, deep: false })),
      fc.integer({ min: 60, max: 20_000 }).map((d) => ({ rule: "[".repeat(d) + "]".repeat(d), deep: d > 64 })),
    );
    await fc.assert(
      fc.asyncProperty(ruleArb, async ({ rule, deep }) => {
        const body = editFixture("sud", "room-game-rule", (b) => ((b.notify_id = `rule-${n++}`), (b.data.rule = rule)));
        expect(bodyOf(await h.send(sudCall({ body })))).toEqual({ ret_code: 0, ret_msg: "SUCCESS" });
        const data = h.delivered[h.delivered.length - 1]!.data as { rule: string; ruleValue: unknown };
        expect(data.rule).toBe(rule);
        // Parsed when it is JSON of a rule's depth; else passed on as the string alone.
        const parsed = parseJson(rule);
        // Handlers see big integers as their digits, as the backend does (the event is sealed before delivery).
        const digits = (value: unknown) => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? "null");
        expect(data.ruleValue).toEqual(deep || !parsed.ok ? undefined : digits(parsed.value));
      }),
      { numRuns: 100 },
    );
  });
});
