// The Tencent catalog under attack: randomly edited (and properly signed) bodies of every
// notification are either accepted as a well-typed event or refused with 400, never an internal
// error; and dedupe ids built from free-text keys never let two different events share an id.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnyCallback } from "../../shared/core/callback";
import { validate } from "../../shared/core/issues";
import { tencentCallbacks } from "../../shared/platforms/tencent/catalog";
import { ackProblem } from "../helpers/acks";
import { editFixture } from "../helpers/fixtures";
import { bodyOf, harness } from "../helpers/harness";
import { TENCENT_TOKEN, tencentCall } from "../helpers/requests";
import { applyEdit, jsonEditArb, RUNS } from "./arbitraries";

const FIXTURES: Array<[command: string, fixture: string]> = [
  ["Live.CallbackAfterCreateRoom", "create-room.doc-sample"],
  ["Live.CallbackAfterUpdateRoomInfo", "update-room-info"],
  ["Live.CallbackAfterSetMetadata", "set-metadata"],
  ["Live.CallbackAfterDelMetadata", "del-metadata"],
  ["Live.CallbackAfterCreateRoomReachingThreshold", "create-room-threshold"],
  ["Live.CallbackAfterMemberStateChanged", "member-state-changed"],
  ["Live.CallbackAfterChangeOwner", "change-owner"],
  ["Live.CallbackAfterModifyAdmin", "modify-admin"],
  ["Mic.CallbackAfterSeatInfoChanged", "seat-info-changed-bare-ids"],
  ["Live.CallbackAfterCreateBattle", "create-battle"],
  ["Group.CallbackAfterSendMsg", "group-message-sent-im"],
  ["Follow.CallbackAfterFollowAdd", "follow-add"],
  ["Follow.CallbackAfterFollowDelete", "follow-delete"],
  ["Live.CallbackAfterCloudRecordingChanged", "cloud-recording-changed"],
];

/** Any JSON, or a big integer marked `{ bare }` to go in as bare digits. */
const editValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 64n }).map((n) => ({ bare: String(n) })),
);

describe("edited catalog bodies: accepted as a typed event, or 400; never an internal error", () => {
  for (const [command, fixture] of FIXTURES) {
    it(`${command} (${fixture})`, async () => {
      const h = harness("tencent-live");
      await fc.assert(
        fc.asyncProperty(fc.array(jsonEditArb(editValue), { minLength: 1, maxLength: 3 }), async (edits) => {
          // A bare-number edit goes in as digits beyond 2^53, as Tencent sends some accounts.
          const body = editFixture("tencent", fixture, (doc) => {
            for (const edit of edits) applyEdit(doc, edit);
          }).replace(/\{"bare":"(\d+)"\}/g, "$1");
          const before = h.delivered.length;
          const answer = await h.send(tencentCall({ command, body, token: TENCENT_TOKEN }));
          expect(ackProblem("tencent", answer)).toBeUndefined();
          expect(answer.status, bodyOf(answer).ErrorInfo).toBe(200);
          const event = h.delivered[before];
          if (bodyOf(answer).ActionStatus !== "OK" || !event) return;
          expect(event.known).toBe(true);
          expect(event.id.startsWith(`${event.callback}:`)).toBe(true);
          expect(Number.isFinite(event.eventTime)).toBe(true);
        }),
        { numRuns: 150 },
      );
    });
  }
});

const definition = (name: string) => (tencentCallbacks as readonly AnyCallback[]).find((c) => c.name === name)!;
const idOf = (name: string, body: unknown) => {
  const parsed = validate(definition(name).schema, body, name);
  if (!parsed.ok) throw new Error(parsed.message);
  return definition(name).dedupeId(parsed.value, body);
};

/** Free text as Tencent ids may hold it, separators and escapes included. */
const text = fc.string({ unit: fc.constantFrom("a", "b", ":", "%", "3", "A", "\n"), minLength: 1, maxLength: 6 });

describe("dedupe ids of free-text keys: equal exactly when the keys are", () => {
  it("MemberStateChanged: room, cause and members (short lists and digested long ones)", () => {
    const state = fc.record({
      RoomId: text,
      EventCause: text,
      EventTime: fc.constantFrom(1, 2),
      members: fc.oneof(fc.array(text, { maxLength: 4 }), fc.array(text, { minLength: 17, maxLength: 20 })),
    });
    const body = (s: { RoomId: string; EventCause: string; EventTime: number; members: string[] }) => ({
      RoomId: s.RoomId,
      EventType: "Online",
      EventCause: s.EventCause,
      EventTime: s.EventTime,
      MemberList: s.members.map((m) => ({ Member_Account: m })),
    });
    fc.assert(
      fc.property(state, state, (a, b) => {
        const same = JSON.stringify(a) === JSON.stringify(b);
        expect(idOf("Live.CallbackAfterMemberStateChanged", body(a)) === idOf("Live.CallbackAfterMemberStateChanged", body(b))).toBe(same);
      }),
      RUNS,
    );
  });

  it("Follow: a follower and the accounts followed", () => {
    const follow = fc.record({ From_Account: text, to: fc.array(text, { maxLength: 4 }) });
    fc.assert(
      fc.property(follow, follow, (a, b) => {
        const same = JSON.stringify(a) === JSON.stringify(b);
        const body = (f: typeof a) => ({ From_Account: f.From_Account, To_Account: f.to, EventTime: 1 });
        expect(idOf("Follow.CallbackAfterFollowDelete", body(a)) === idOf("Follow.CallbackAfterFollowDelete", body(b))).toBe(same);
      }),
      RUNS,
    );
  });

  it("CloudRecordingChanged: room and task, with or without a task id", () => {
    const recording = fc.record({ RoomId: text, TaskId: fc.option(text, { nil: undefined }) });
    fc.assert(
      fc.property(recording, recording, (a, b) => {
        // A missing task id and an empty one say the same: no task.
        const same = a.RoomId === b.RoomId && (a.TaskId ?? "") === (b.TaskId ?? "");
        const body = (r: typeof a) => ({ EventType: 301, EventInfo: { RoomId: r.RoomId, TaskId: r.TaskId, EventMsTs: 5 } });
        expect(idOf("Live.CallbackAfterCloudRecordingChanged", body(a)) === idOf("Live.CallbackAfterCloudRecordingChanged", body(b))).toBe(same);
      }),
      RUNS,
    );
  });
});
