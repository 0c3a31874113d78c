/**
 * Whatever an answering callback's handler returns (any JSON value, values JSON cannot hold, a
 * near-miss of a valid answer, a rejection), the platform's answer is well-formed: HTTP 200,
 * `ActionStatus` OK, an integer ErrorCode that is 0, 1, 2 or in the client-visible range of the
 * callback, a string ErrorInfo, and a replaced MsgBody only as an array of elements.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodyOf, harness } from "../helpers/harness";
import { TENCENT_TOKEN, tencentCall } from "../helpers/requests";
import { fixtureText } from "../helpers/fixtures";

const GIFT = "Live.CallbackBeforeSendGift";
const MESSAGE = "Group.CallbackBeforeSendMsg";
const calls = {
  [GIFT]: tencentCall({ command: GIFT, body: fixtureText("tencent", "gift-check"), token: TENCENT_TOKEN, requestTime: Math.floor(Date.UTC(2023, 11, 26, 11, 25, 22) / 1000) }),
  [MESSAGE]: tencentCall({ command: MESSAGE, body: fixtureText("tencent", "message-check"), token: TENCENT_TOKEN }),
};
const CODES = { [GIFT]: [102100, 102200], [MESSAGE]: [120001, 130000] } as const;

/** Near-misses of valid answers, and everything else. */
const answerArb = fc.oneof(
  fc.record(
    {
      decision: fc.constantFrom("allow", "deny", "drop", "ALLOW", "", "maybe"),
      code: fc.oneof(fc.integer({ min: 100000, max: 140000 }), fc.double(), fc.string(), fc.constant(-1)),
      message: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      MsgBody: fc.oneof(fc.constant([]), fc.array(fc.record({ MsgType: fc.string(), MsgContent: fc.anything() }, { requiredKeys: [] })), fc.anything()),
      CloudCustomData: fc.oneof(fc.string(), fc.integer()),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
  fc.constantFrom(undefined, null, 1n, Symbol("answer"), () => "allow", { decision: "allow", MsgBody: [{ MsgType: "T", MsgContent: { n: 1n } }] }),
);

describe("a handler's answer never makes an ill-formed platform answer", () => {
  for (const command of [GIFT, MESSAGE] as const) {
    it(`${command}: any returned value or rejection`, async () => {
      await fc.assert(
        fc.asyncProperty(answerArb, fc.boolean(), async (given, reject) => {
          const h = harness("tencent-live", {
            now: command === GIFT ? Date.UTC(2023, 11, 26, 11, 25, 22) : undefined,
            handlers: { [command]: () => (reject ? Promise.reject(given) : given) },
          });
          const answer = await h.send(calls[command]);
          expect(answer.status).toBe(200);
          const body = bodyOf(answer);
          expect(body.ActionStatus).toBe("OK");
          expect(typeof body.ErrorInfo).toBe("string");
          const [min, max] = CODES[command];
          expect(Number.isInteger(body.ErrorCode)).toBe(true);
          expect(body.ErrorCode === 0 || body.ErrorCode === 1 || (command === MESSAGE && body.ErrorCode === 2) || (body.ErrorCode >= min && body.ErrorCode <= max)).toBe(true);
          const extra = Object.keys(body).filter((k) => !["ActionStatus", "ErrorInfo", "ErrorCode"].includes(k));
          if (command === GIFT) expect(extra).toEqual([]);
          for (const key of extra) expect(["MsgBody", "CloudCustomData"]).toContain(key);
          if (body.MsgBody !== undefined) {
            expect(Array.isArray(body.MsgBody) && body.MsgBody.length > 0).toBe(true);
            for (const element of body.MsgBody) expect(typeof element.MsgType === "string" && element.MsgType.length > 0 && typeof element.MsgContent === "object").toBe(true);
          }
          if (body.CloudCustomData !== undefined) expect(typeof body.CloudCustomData).toBe("string");
          // The decision given is what the targets see, and what Tencent is told.
          expect(h.delivered).toHaveLength(1);
          const { data, source } = h.delivered[0]!.answer as { data: { decision: string; code?: number }; source: string };
          if (reject) expect(source).toBe("failed");
          const expected = data.decision === "allow" ? 0 : data.decision === "drop" ? 2 : (data.code ?? 1);
          expect(body.ErrorCode).toBe(expected);
        }),
        { numRuns: 150 },
      );
    });
  }
});
