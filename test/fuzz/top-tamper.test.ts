import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixtureText } from "../helpers/fixtures";
import { bodyOf, harness } from "../helpers/harness";
import { TOP_SECRET, topCall } from "../helpers/requests";
import { alter, alterationArb, RUNS } from "./arbitraries";

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

  it("an altered form body is refused whenever its fields differ from the signed ones", async () => {
    const form = { fc_group: "fc-dg-common", fc_name: "cg", request_param: JSON.stringify(JSON.parse(API_REQUEST).request_param) };
    const signed = topCall({ form, secret: TOP_SECRET });
    const fields = (body: Buffer) => JSON.stringify([...new URLSearchParams(body.toString("utf8"))].sort());
    const h = harness("yuanjing-session-lifecycle");
    let differing = 0;
    await fc.assert(
      fc.asyncProperty(alterationArb, async (change) => {
        const altered = alter(signed.body, change);
        // The form signature covers the decoded fields: re-encoding them the same way is the same request.
        if (fields(altered) === fields(signed.body)) return;
        differing++;
        const answer = await h.send({ ...signed, body: altered });
        expect(answer.status).toBe(401);
      }),
      RUNS,
    );
    expect(differing).toBeGreaterThan(RUNS.numRuns / 2);
    expect(h.delivered).toHaveLength(0);
  });
});
