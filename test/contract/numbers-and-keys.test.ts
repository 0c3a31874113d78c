/**
 * One rule for numbers and keys, whatever else the body holds: a field is judged on what was sent.
 * A string field refuses a bare number of any size alike; a number field says when it got an
 * integer beyond 2^53; an id field takes an integer of any size and gives its exact digits; a
 * duplicate key is refused, naming it, with or without a big number elsewhere in the body.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CallbackEvent } from "../../shared/core/event";
import { bodyOf, harness } from "../helpers/harness";
import { editFixture, type FixturePlatform } from "../helpers/fixtures";
import type { FunctionName } from "../helpers/functions";
import { sudCall, TENCENT_TOKEN, tencentCall } from "../helpers/requests";

/** Written as bare digits by editFixture. */
const bare = (n: bigint) => `\u0000exact-number:${n}`;

const SMALL = fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n });
const BIG = fc.oneof(fc.bigInt({ min: 2n ** 53n + 1n, max: 2n ** 128n }), fc.bigInt({ min: -(2n ** 128n), max: -(2n ** 53n) - 1n }));

interface Case {
  readonly fn: FunctionName;
  readonly platform: FixturePlatform;
  readonly fixture: string;
  /** Where the field is in the body, and how the answer names it. */
  readonly path: readonly (string | number)[];
  readonly named: string;
}

const STRING_FIELDS: Case[] = [
  { fn: "tencent-live-battle-end", platform: "tencent", fixture: "battle-end", path: ["BattleId"], named: "BattleId" },
  { fn: "tencent-live-battle-end", platform: "tencent", fixture: "battle-end", path: ["ToRoomList", 0, "RoomId"], named: "ToRoomList[0].RoomId" },
  { fn: "tencent-live-room-destroyed", platform: "tencent", fixture: "room-destroyed", path: ["RoomId"], named: "RoomId" },
  { fn: "tencent-live-room-destroyed", platform: "tencent", fixture: "room-destroyed", path: ["RoomInfo", "RoomName"], named: "RoomInfo.RoomName" },
  { fn: "sud-player-status", platform: "sud", fixture: "player-status", path: ["notify_id"], named: "notify_id" },
  { fn: "sud-player-status", platform: "sud", fixture: "player-status", path: ["data", "game_round_id"], named: "game_round_id" },
  { fn: "sud-player-status", platform: "sud", fixture: "player-status", path: ["data", "players", 1, "type"], named: "players[1].type" },
];

const NUMBER_FIELDS: Case[] = [
  { fn: "tencent-live-battle-end", platform: "tencent", fixture: "battle-end", path: ["Duration"], named: "Duration" },
  { fn: "tencent-live-battle-end", platform: "tencent", fixture: "battle-end", path: ["FromRoomInfo", "Score"], named: "FromRoomInfo.Score" },
  { fn: "tencent-live-room-destroyed", platform: "tencent", fixture: "room-destroyed", path: ["EventTime"], named: "EventTime" },
  { fn: "tencent-live-room-destroyed", platform: "tencent", fixture: "room-destroyed", path: ["Statistic", "TotalViewers"], named: "Statistic.TotalViewers" },
  { fn: "yuanjing-session-lifecycle", platform: "yuanjing", fixture: "session-lifecycle", path: ["request_param", "time"], named: "time" },
];

/** Id fields: what the event's `data` holds at the same place. */
const ID_FIELDS: Array<Case & { readonly inData: readonly (string | number)[] }> = [
  {
    fn: "tencent-live-battle-end",
    platform: "tencent",
    fixture: "battle-end",
    path: ["FromRoomInfo", "Owner_Account"],
    named: "",
    inData: ["FromRoomInfo", "Owner_Account"],
  },
  { fn: "tencent-live-room-destroyed", platform: "tencent", fixture: "room-destroyed", path: ["Operator_Account"], named: "", inData: ["Operator_Account"] },
  { fn: "sud-player-status", platform: "sud", fixture: "player-status", path: ["data", "mg_id"], named: "", inData: ["mg_id"] },
  { fn: "sud-player-status", platform: "sud", fixture: "player-status", path: ["data", "players", 0, "uid"], named: "", inData: ["players", 0, "uid"] },
  { fn: "yuanjing-session-lifecycle", platform: "yuanjing", fixture: "session-lifecycle", path: ["request_param", "account_id"], named: "", inData: ["account_id"] },
];

let serial = 0;
const commandOf = (fixture: string) => (fixture === "battle-end" ? "Live.CallbackAfterEndBattle" : "Live.CallbackAfterDestroyRoom");

/** The fixture with `value` at `path` and a fresh dedupe id, signed and sent to a fresh function. */
async function send(c: Case, value: unknown) {
  const h = harness(c.fn);
  const fresh = `k${++serial}`;
  const body = editFixture(c.platform, c.fixture, (doc) => {
    if (c.platform === "tencent") doc[doc.BattleId ? "BattleId" : "RoomId"] = fresh;
    if (c.platform === "sud") doc.notify_id = fresh;
    if (c.platform === "yuanjing") doc.request_param.game_session_id = fresh;
    let node = doc;
    for (const key of c.path.slice(0, -1)) node = node[key];
    node[c.path.at(-1)!] = value;
  });
  const answer =
    c.platform === "tencent"
      ? await h.send(tencentCall({ command: commandOf(c.fixture), body, token: TENCENT_TOKEN }))
      : c.platform === "sud"
        ? await h.send(sudCall({ body }))
        : await h.invoke(body);
  const text = c.platform === "tencent" ? bodyOf(answer).ErrorInfo : c.platform === "sud" ? bodyOf(answer).ret_msg : answer.body;
  return { status: answer.status, text: String(text), delivered: h.delivered as CallbackEvent<string, any>[] };
}

describe("a field is judged on what was sent, whatever else the body holds", () => {
  it("a string field refuses a bare integer of any size alike, naming the field", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...STRING_FIELDS), fc.oneof(SMALL, BIG), async (c, n) => {
        const { status, text } = await send(c, bare(n));
        // Authentic but never passable: quarantined, answered so the platform stops retrying.
        expect(status, text).toBe(200);
        expect(text).toContain("quarantined: ");
        expect(text).toContain(`${c.named}: expected string, got ${Number.isSafeInteger(Number(n)) ? "number" : "an integer beyond 2^53"}`);
      }),
      { numRuns: 200 },
    );
  });

  it("a number field says it got an integer beyond 2^53, not a string", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NUMBER_FIELDS), BIG, async (c, n) => {
        const { status, text } = await send(c, bare(n));
        // Authentic but never passable: quarantined, answered so the platform stops retrying.
        expect(status, text).toBe(200);
        expect(text).toContain("quarantined: ");
        expect(text).toContain(c.named);
        expect(text).toMatch(/(expected number, got |wrong type \()an integer beyond 2\^53/);
        expect(text).not.toContain("string");
      }),
      { numRuns: 100 },
    );
  });

  it("an id field takes an integer of any size and gives its exact digits as a string", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ID_FIELDS), fc.oneof(SMALL, BIG), async (c, n) => {
        const { status, text, delivered } = await send(c, bare(n));
        expect(status, text).toBe(200);
        let node: any = delivered[0]!.data;
        for (const key of c.inData) node = node[key];
        expect(node).toBe(String(n));
      }),
      { numRuns: 200 },
    );
  });
});

describe("a duplicate key is refused everywhere, with or without a big number in the body", () => {
  const spellings = (key: string) => [key, key.replace(/./, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)];

  it("Tencent, SUD and 元镜 quarantine it as malformed, naming the key, and keep the callback", async () => {
    const cases = [
      { fn: "tencent-live" as const, platform: "tencent" as const, fixture: "battle-end", key: "BattleId" },
      { fn: "tencent-live" as const, platform: "tencent" as const, fixture: "room-destroyed", key: "Owner_Account" },
      { fn: "sud-notify" as const, platform: "sud" as const, fixture: "player-status", key: "notify_id" },
      { fn: "sud-notify" as const, platform: "sud" as const, fixture: "player-status", key: "uid" },
      { fn: "yuanjing-session-lifecycle" as const, platform: "yuanjing" as const, fixture: "session-lifecycle", key: "game_session_id" },
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), fc.boolean(), fc.boolean(), fc.boolean(), async (c, escaped, sameValue, bigElsewhere) => {
        const h = harness(c.fn);
        let body = editFixture(c.platform, c.fixture, (doc) => {
          if (bigElsewhere) doc.Extra = bare(2n ** 70n);
        });
        // The first occurrence of the key gets a twin, spelled plainly or with a \u escape, right after it.
        const at = body.indexOf(`"${c.key}":`);
        const end = body.indexOf(",", at) === -1 || body.indexOf(",", at) > body.indexOf("}", at) ? body.indexOf("}", at) : body.indexOf(",", at);
        const value = body.slice(at + c.key.length + 3, end);
        const twin = `"${spellings(c.key)[escaped ? 1 : 0]}":${sameValue ? value : '"other"'}`;
        body = `${body.slice(0, end)},${twin}${body.slice(end)}`;

        const answer =
          c.platform === "tencent"
            ? await h.send(tencentCall({ command: commandOf(c.fixture), body, token: TENCENT_TOKEN }))
            : c.platform === "sud"
              ? await h.send(sudCall({ body }))
              : await h.invoke(body);
        expect(answer.status, answer.body).toBe(200);
        expect(answer.body).toMatch(/quarantined: (malformed|isv\.invalid-format): /);
        expect(answer.body).toContain(`duplicate key \\"${c.key}\\"`);
        expect(h.delivered).toHaveLength(0);
        expect(h.logs.some((line) => line.message === "dead letter")).toBe(true);
      }),
      { numRuns: 120 },
    );
  });
});
