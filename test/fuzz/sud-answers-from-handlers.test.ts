/**
 * Whatever a SUD app-server handler returns (any JSON value, values JSON cannot hold, a near-miss of a
 * valid answer, a rejection), the answer is well-formed as SUD reads it: HTTP 200, a JSON object with an
 * integer `ret_code`, a string `ret_msg`, an integer `sdk_error_code` when present, an object `data`;
 * `ret_code` 0 only with `data` as the interface defines it (a token non-empty, a balance an integer).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnyAnswering } from "../../shared/core/answering";
import { getAccount, getScore, getSsToken, getUserInfo, updateScore, updateSsToken } from "../../shared/platforms/sud/app-server";
import { fixtureText } from "../helpers/fixtures";
import { bodyOf, harness } from "../helpers/harness";
import { sudCall } from "../helpers/requests";

const INTERFACES: AnyAnswering[] = [getSsToken, updateSsToken, getUserInfo, getAccount, getScore, updateScore];

const num = fc.oneof(fc.integer(), fc.constant(0), fc.double(), fc.string(), fc.constant(null), fc.constant(2 ** 60));
const text = fc.oneof(fc.string(), fc.constant(""), fc.integer(), fc.constant(null));
/** Near-misses of valid answers (every field of every interface, each maybe wrong), and everything else. */
const answerArb = fc.oneof(
  fc.record(
    {
      data: fc.oneof(
        fc.record(
          {
            ss_token: text,
            expire_date: num,
            expire_date_str: text,
            user_info: fc.oneof(fc.record({ uid: text, nick_name: text, avatar_url: text, gender: text, is_ai: num }, { requiredKeys: [] }), fc.anything()),
            uid: text,
            nick_name: text,
            nickname: text,
            avatar_url: text,
            gender: text,
            score: fc.oneof(num, fc.bigInt()),
            vip_level: num,
          },
          { requiredKeys: [] },
        ),
        fc.anything(),
      ),
      error: fc.oneof(fc.record({ ret_code: num, ret_msg: text, sdk_error_code: num }, { requiredKeys: [] }), fc.anything()),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
  fc.constantFrom(undefined, null, 1n, Symbol("answer"), () => "ok", { data: { score: 1n } }, { data: { ss_token: "t", expire_date: 1, n: 1n } }),
);

describe("a SUD app-server handler's answer never makes an ill-formed answer", () => {
  for (const definition of INTERFACES) {
    const name = definition.name;
    it(`${name}: any returned value or rejection`, async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(answerArb, fc.boolean(), async (given, reject) => {
          const h = harness("sud-app-server", { handlers: { [name]: () => (reject ? Promise.reject(given) : given) } });
          // A fresh order each run, so update_score's record never answers in the handler's place.
          const body =
            name === "update_score" ? JSON.stringify({ order_id: `fuzz-${n++}`, uid: "u1", score: 1, type: 2 }) : fixtureText("sud", `app-server/${name.replace(/_/g, "-")}`);
          const answer = await h.send(sudCall({ path: `/sud/${name}`, body }));
          expect(answer.status).toBe(200);
          const sent = bodyOf(answer);
          expect(Number.isInteger(sent.ret_code)).toBe(true);
          expect(typeof sent.ret_msg).toBe("string");
          if ("sdk_error_code" in sent) expect(Number.isInteger(sent.sdk_error_code)).toBe(true);
          expect(typeof sent.data === "object" && sent.data !== null && !Array.isArray(sent.data)).toBe(true);
          const { source } = h.delivered[0]!.answer!;
          if (reject) expect(source).toBe("failed");
          if (sent.ret_code === 0) {
            expect(source).toBe("handler");
            // What SUD was told is a valid answer of the interface.
            expect(definition.answers.schema.safeParse({ data: sent.data }).success).toBe(true);
          }
        }),
        { numRuns: 120 },
      );
    });
  }
});
