import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verifySudSignature } from "../../shared/platforms/sud/sign";
import { fixtureText } from "../helpers/fixtures";
import { bodyOf, harness } from "../helpers/harness";
import { SUD_APP_ID, SUD_SECRET, sudCall } from "../helpers/requests";
import { sudSign } from "../helpers/sign";
import { alter, alterationArb, RUNS } from "./arbitraries";

describe("SUD never accepts an altered signed body (HMAC-SHA1 over the exact bytes)", () => {
  it("the documented notification with any byte flipped, appended, removed or inserted is refused with 401", async () => {
    const body = Buffer.from(fixtureText("sud", "player-status"));
    const signed = sudCall({ body });
    const h = harness("sud-notify");
    await fc.assert(
      fc.asyncProperty(alterationArb, async (change) => {
        const altered = alter(body, change);
        expect(altered.equals(body)).toBe(false);
        const answer = await h.send({ ...signed, body: altered });
        expect(answer.status).toBe(401);
        expect(bodyOf(answer).ret_code).toBe(401);
      }),
      RUNS,
    );
    expect(h.delivered).toHaveLength(0);
    // The untouched original still goes through: the refusals were the alterations' doing.
    expect((await h.send(signed)).status).toBe(200);
  });

  it("any body, signed and then altered, fails verification while the original verifies", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), alterationArb, fc.string({ minLength: 1, maxLength: 16 }), (bytes, change, nonce) => {
        const body = Buffer.from(bytes);
        const signature = sudSign(SUD_SECRET, SUD_APP_ID, "1763697600", nonce, body);
        expect(verifySudSignature([SUD_SECRET], SUD_APP_ID, "1763697600", nonce, body, signature)).toBe(true);
        expect(verifySudSignature([SUD_SECRET], SUD_APP_ID, "1763697600", nonce, alter(body, change), signature)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
