/**
 * Different events never share a key: the `<platform>:<id>` that dedupe claims (and Redis stores under
 * its prefix), that a forward sends as `webhook-id` and a stream entry as `id`. Each function gets
 * events whose identifying fields are free text full of `:` and `%`, optional fields present or not,
 * and bodies that differ only by a big integer sent bare or quoted; every one must be delivered under
 * a key of its own, and a retry of any of them must find its key.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventKey } from "../../shared/delivery/wire";
import { harness } from "../helpers/harness";
import type { FunctionName } from "../helpers/functions";
import { sudCall, TENCENT_TOKEN, tencentCall } from "../helpers/requests";
import type { HttpCall } from "../helpers/events";

/**
 * Free text that looks like the separators and escapes ids are built with, from a small pool so that
 * events differing in one field only come up often.
 */
const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("a", "b", "a:b", "a%3Ab", "a%253Ab", ":", "%", "%3A", "%25", "a:", ":a", "a::b") },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom("a", ":", "%", "3", "A", "é"), minLength: 1, maxLength: 6 }) },
);
const small = fc.constantFrom(0, 1, 12);
const BIG = fc.constantFrom(2n ** 64n, 123456789012345678901n);
const MARK = "\u0000bare:";
/** JSON with marked strings written back as bare digits. */
const json = (value: unknown) => JSON.stringify(value).replace(/"\\u0000bare:(\d+)"/g, "$1");

interface Kind<Identity> {
  readonly fn: FunctionName;
  readonly identity: fc.Arbitrary<Identity>;
  readonly call: (identity: Identity) => HttpCall | { invoke: string };
}

const tencentKinds = fc.oneof(
  fc.record({ kind: fc.constant("battle-start" as const), battleId: text }),
  fc.record({ kind: fc.constant("battle-end" as const), battleId: text }),
  fc.record({ kind: fc.constant("room-destroyed" as const), roomId: text, eventTime: small }),
  fc.record({
    kind: fc.constant("generic" as const),
    command: fc.constantFrom("CallbackAfterX", "a:b", "a%3Ab"),
    // The same digits bare (an integer beyond 2^53) or quoted (a string) are different bodies.
    fields: fc.dictionary(
      fc.constantFrom("a", "b"),
      fc.oneof(
        text,
        small,
        BIG.map((n) => `${MARK}${n}`),
        BIG.map(String),
      ),
      { maxKeys: 2 },
    ),
    big: fc.oneof(
      BIG.map((n) => `${MARK}${n}`),
      BIG.map(String),
    ),
  }),
);
type TencentIdentity = typeof tencentKinds extends fc.Arbitrary<infer T> ? T : never;

const battle = (battleId: string) => ({
  BattleId: battleId,
  Duration: 1,
  CreateTime: 1,
  StartTime: 1,
  EndTime: 2,
  OpType: 0,
  FromRoomInfo: { RoomId: "a", Owner_Account: "o" },
  ToRoomList: [],
  EventTime: 1,
});

const tencent: Kind<TencentIdentity> = {
  fn: "tencent-live",
  identity: tencentKinds,
  call: (id) => {
    const [command, body] =
      id.kind === "battle-start"
        ? ["Live.CallbackAfterStartBattle", battle(id.battleId)]
        : id.kind === "battle-end"
          ? ["Live.CallbackAfterEndBattle", battle(id.battleId)]
          : id.kind === "room-destroyed"
            ? ["Live.CallbackAfterDestroyRoom", { RoomId: id.roomId, EventTime: id.eventTime }]
            : [`Live.${id.command}`, { ...id.fields, Big: id.big }];
    return tencentCall({ command, body: json(body), token: TENCENT_TOKEN });
  },
};

const sud: Kind<{ notifyId: string; event: string }> = {
  fn: "sud-notify",
  // SUD names each notification by its notify_id; the event name does not take part.
  identity: fc.record({ notifyId: text, event: fc.constantFrom("sud.mg.merchant.future.event", "sud.mg.merchant.another.future.event") }),
  call: (id) => sudCall({ body: json({ notify_id: id.notifyId, notify_time: "1647834452408", notify_event: id.event, data: {} }) }),
};

const yuanjing: Kind<{ session: string; type: string; status?: string; time: number }> = {
  fn: "yuanjing-session-lifecycle",
  identity: fc.record({ session: text, type: text, status: fc.oneof(text, fc.constant("")), time: small }, { requiredKeys: ["session", "type", "time"] }),
  call: (id) => ({
    invoke: json({
      fc_group: "fc-dg-common",
      fc_name: "cg",
      request_param: {
        action: "A",
        message_type: id.type,
        project_id: "p",
        account_id: "a",
        game_session_id: id.session,
        game_id: "g",
        time: id.time,
        ...(id.status === undefined ? {} : { session_status: id.status }),
      },
    }),
  }),
};

/** Identities compared as the events they name: SUD by notify_id alone. */
const same = (fn: FunctionName) => (a: unknown, b: unknown) =>
  fn === "sud-notify" ? (a as { notifyId: string }).notifyId === (b as { notifyId: string }).notifyId : JSON.stringify(a) === JSON.stringify(b);

/**
 * Events that differ from a first one in a single field (taken from another random event, or left
 * out): the near misses where a key built by joining parts would collide.
 */
function nearMisses<T>(kind: Kind<T>): fc.Arbitrary<T[]> {
  const one = fc.tuple(kind.identity, fc.nat());
  return fc.tuple(kind.identity, fc.array(one, { minLength: 1, maxLength: 5 })).map(([base, others]) => {
    const found: T[] = [base];
    for (const [other, pick] of others) {
      const [a, b] = [base as Record<string, unknown>, other as Record<string, unknown>];
      // Events of another kind (another Tencent command) are taken whole.
      const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((name) => name !== "kind");
      const field = fields[pick % fields.length]!;
      const variant: Record<string, unknown> = a.kind === b.kind ? { ...a } : { ...b };
      if (a.kind === b.kind) {
        if (field in b) variant[field] = b[field];
        else delete variant[field];
      }
      if (!found.some((seen) => same(kind.fn)(seen, variant))) found.push(variant as T);
    }
    return found;
  });
}

describe("different events never share a dedupe key", () => {
  for (const kind of [tencent, sud, yuanjing] as Kind<any>[]) {
    it(`${kind.fn}: every different event is delivered under its own key, and its retry finds it`, async () => {
      await fc.assert(
        fc.asyncProperty(nearMisses(kind), async (identities) => {
          const h = harness(kind.fn);
          const send = (identity: unknown) => {
            const call = kind.call(identity);
            return "invoke" in call ? h.invoke(call.invoke) : h.send(call);
          };
          for (const identity of identities) {
            const answer = await send(identity);
            expect(answer.status, answer.body).toBe(200);
          }
          const keys = h.delivered.map(eventKey);
          expect(keys).toHaveLength(identities.length);
          expect(new Set(keys).size).toBe(keys.length);
          // The same event sent again is the same key: acknowledged, not delivered twice.
          await send(identities[0]);
          expect(h.delivered).toHaveLength(identities.length);
        }),
        { numRuns: 300 },
      );
    });
  }
});
