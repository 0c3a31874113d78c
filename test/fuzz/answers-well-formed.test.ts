import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readVerdict } from "../../scripts/emulator/verdict";
import { ackProblem } from "../helpers/acks";
import { toInbound } from "../helpers/events";
import { editFixture } from "../helpers/fixtures";
import { type FunctionName, platformOf } from "../helpers/functions";
import { harness } from "../helpers/harness";
import { NOW_MS, sudCall, TENCENT_TOKEN, tencentCall, TOP_SECRET, topCall } from "../helpers/requests";
import { applyEdit, headersArb, inboundArb, jsonEditArb, queryArb, RUNS } from "./arbitraries";

const PLATFORM_OF = (fn: FunctionName) => (({ "tencent-live": "tencent", sud: "sud", yuanjing: "yuanjing" }) as const)[platformOf(fn)!];
const FUNCTIONS: FunctionName[] = ["tencent-live", "tencent-live-battle-end", "sud-notify", "sud-player-status", "yuanjing-session-lifecycle"];

describe("random requests always get a well-formed platform answer", () => {
  for (const fn of FUNCTIONS) {
    it(`${fn}: random bytes, JSON, methods, headers and query`, async () => {
      const h = harness(fn);
      await fc.assert(
        fc.asyncProperty(inboundArb(NOW_MS), async (req) => {
          const answer = await h.process(req);
          expect(ackProblem(PLATFORM_OF(fn), answer)).toBeUndefined();
        }),
        RUNS,
      );
    });
  }
});

describe("mutated valid callbacks, properly signed, are accepted or quarantined, in a well-formed 200 answer", () => {
  const cases: Array<[FunctionName, "tencent" | "sud" | "yuanjing", string, (body: string) => ReturnType<typeof tencentCall>]> = [
    ["tencent-live-battle-end", "tencent", "battle-end", (body) => tencentCall({ command: "Live.CallbackAfterEndBattle", body, token: TENCENT_TOKEN })],
    ["tencent-live-room-destroyed", "tencent", "room-destroyed", (body) => tencentCall({ command: "Live.CallbackAfterDestroyRoom", body, token: TENCENT_TOKEN })],
    ["sud-player-status", "sud", "player-status", (body) => sudCall({ body })],
    ["yuanjing-session-lifecycle", "yuanjing", "session-lifecycle", (body) => topCall({ body, secret: TOP_SECRET })],
  ];
  for (const [fn, platform, fixture, sign] of cases) {
    it(`${fn}: ${fixture} with random edits`, async () => {
      const h = harness(fn);
      await fc.assert(
        fc.asyncProperty(fc.array(jsonEditArb(), { minLength: 1, maxLength: 3 }), async (edits) => {
          const body = editFixture(platform, fixture, (doc) => {
            for (const edit of edits) applyEdit(doc, edit);
          });
          const before = h.delivered.length;
          const answer = await h.send(sign(body));
          expect(ackProblem(platform, answer)).toBeUndefined();
          // Authentic, so never a retry: delivered (or a duplicate of one delivered), else quarantined and said so.
          expect(answer.status).toBe(200);
          const verdict = readVerdict(answer.status, answer.body);
          if (verdict.accepted) expect(h.delivered.length - before).toBeLessThanOrEqual(1);
          else expect(verdict.detail).toMatch(/^quarantined: /);
        }),
        RUNS,
      );
    });
  }
});

describe("random extra headers and query parameters on a valid callback never break the answer", () => {
  const cases: Array<[FunctionName, "tencent" | "sud" | "yuanjing", () => ReturnType<typeof tencentCall>]> = [
    ["tencent-live", "tencent", () => tencentCall({ command: "Live.CallbackAfterCreateRoom", body: { RoomId: "r" }, token: TENCENT_TOKEN })],
    ["sud-notify", "sud", () => sudCall({ body: '{"notify_id":"n","notify_time":"1","notify_event":"e","data":{}}' })],
    ["yuanjing-session-lifecycle", "yuanjing", () => topCall({ body: '{"request_param":{}}', secret: TOP_SECRET })],
  ];
  for (const [fn, platform, make] of cases) {
    it(fn, async () => {
      const h = harness(fn);
      await fc.assert(
        fc.asyncProperty(headersArb, queryArb, async (headers, query) => {
          const call = make();
          const answer = await h.process(toInbound({ ...call, headers: { ...headers, ...call.headers }, query: { ...call.query, ...query } }, h.clock.now()));
          expect(ackProblem(platform, answer)).toBeUndefined();
        }),
        RUNS,
      );
    });
  }
});
