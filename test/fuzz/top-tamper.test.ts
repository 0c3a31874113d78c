import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixtureText } from "../helpers/fixtures";
import { bodyOf, harness } from "../helpers/harness";
import { TOP_SECRET, topCall } from "../helpers/requests";
import { topSign } from "../helpers/sign";
import { alter, alterationArb, RUNS } from "./arbitraries";

/** Form fields as the function reads them (repeated names comma-joined). */
function formFields(body: Buffer): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body.toString("utf8"))) fields[key] = key in fields ? `${fields[key]},${value}` : value;
  return fields;
}

const API_REQUEST = fixtureText("yuanjing", "session-lifecycle");

describe("元镜 never accepts an altered TOP-signed body", () => {
  it("a signed JSON body with any byte flipped, appended, removed or inserted is refused (401 isv.invalid-signature)", async () => {
    const signed = topCall({ body: API_REQUEST, secret: TOP_SECRET });
    const h = harness("yuanjing-session-lifecycle");
    await fc.assert(
      fc.asyncProperty(alterationArb, async (change) => {
        const answer = await h.send({ ...signed, body: alter(signed.body, change) });
        expect(answer.status).toBe(401);
        expect(bodyOf(answer).error_response.sub_code).toBe("isv.invalid-signature");
      }),
      RUNS,
    );
    expect(h.delivered).toHaveLength(0);
    expect((await h.send(signed)).status).toBe(200);
  });

  it("an altered form body is refused unless TOP's own sign base is unchanged by it", async () => {
    const form = { fc_group: "fc-dg-common", fc_name: "cg", request_param: JSON.stringify(JSON.parse(API_REQUEST).request_param) };
    const signed = topCall({ form, secret: TOP_SECRET });
    const h = harness("yuanjing-session-lifecycle");
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(alterationArb, async (change) => {
        const altered = alter(signed.body, change);
        // TOP signs key+value pairs concatenated without separators, so moving the `=` of a pair
        // ("fc_group=x" → "fc_groupx=") or re-encoding a value leaves the signed text unchanged:
        // such a request is the same to TOP. Every other alteration must be refused.
        if (topSign(TOP_SECRET, { query: signed.query, form: formFields(altered) }) === signed.query.sign) return;
        checked++;
        const answer = await h.send({ ...signed, body: altered });
        expect(answer.status).toBe(401);
        expect(bodyOf(answer).error_response.sub_code).toBe("isv.invalid-signature");
      }),
      RUNS,
    );
    expect(checked).toBeGreaterThan(RUNS.numRuns / 2);
    expect(h.delivered).toHaveLength(0);
  });

  it("a moved `=` in a form field (the TOP sign's known blind spot) can only make a field look absent", async () => {
    const form = { fc_group: "fc-dg-common", fc_name: "cg", request_param: JSON.stringify(JSON.parse(API_REQUEST).request_param) };
    const signed = topCall({ form, secret: TOP_SECRET });
    const h = harness("yuanjing-session-lifecycle");
    // "request_param=..." → "request_param{=..." : request_param disappears, and the call is quarantined as invalid.
    const moved = Buffer.from(signed.body.toString("utf8").replace("request_param=%7B", "request_param%7B="));
    expect(topSign(TOP_SECRET, { query: signed.query, form: formFields(moved) })).toBe(signed.query.sign);
    const answer = await h.send({ ...signed, body: moved });
    expect(bodyOf(answer).result.message).toBe("quarantined: isv.invalid-parameter: request_param is required");
    expect(h.delivered).toHaveLength(0);
  });
});
