import { describe, expect, it } from "vitest";
import { ackProblem } from "../../helpers/acks";
import { editFixture, fixtureText } from "../../helpers/fixtures";
import { bodyOf, harness } from "../../helpers/harness";
import { SUD_APP_ID, sudCall, sudEnvelope } from "../../helpers/requests";

describe("sud-notify: every event at the one notify URL", () => {
  it("acknowledges an event it has no schema for and passes it on as a generic event", async () => {
    const h = harness("sud-notify");
    const answer = await h.send(sudCall({ body: fixtureText("sud", "unknown-event") }));
    expect(answer.status).toBe(200);
    expect(bodyOf(answer)).toEqual({ ret_code: 0, ret_msg: "SUCCESS" });
    expect(h.delivered[0]).toMatchObject({
      id: "b1c9e4a2f03d4e5f8a7b6c5d4e3f2a10",
      callback: "sud.mg.merchant.future.event",
      known: false,
      eventTime: 1731640000123,
      data: { mg_id: "1472142559912517633", player: { uid: "u003", status: "DISCONNECTED" } },
    });
  });

  it("passes on any data shape of an unknown event, even none", async () => {
    const h = harness("sud-notify");
    for (const [id, data] of [
      ["a", [1, 2]],
      ["b", "text"],
      ["c", null],
    ] as const) {
      const answer = await h.send(sudCall({ body: sudEnvelope("sud.mg.merchant.future.event", data, id) }));
      expect(answer.status).toBe(200);
    }
    expect(h.delivered.map((e) => e.data)).toEqual([[1, 2], "text", null]);
  });
});

describe("sud-player-status: one event only", () => {
  it("quarantines another notify_event: ret_code 0 so SUD stops retrying, ret_msg saying what it serves", async () => {
    const h = harness("sud-player-status");
    const answer = await h.send(sudCall({ body: fixtureText("sud", "game-player-connect-status") }));
    expect(answer.status).toBe(200);
    expect(bodyOf(answer)).toEqual({
      ret_code: 0,
      ret_msg: "quarantined: wrong_callback: this function serves sud.mg.merchant.player.status, not sud.mg.merchant.game.player.connect.status",
    });
    expect(h.delivered).toHaveLength(0);
  });
});

describe("the SUD notify envelope", () => {
  for (const field of ["notify_id", "notify_time", "notify_event"]) {
    it(`quarantines an envelope without ${field}, naming it`, async () => {
      const h = harness("sud-notify");
      const answer = await h.send(sudCall({ body: editFixture("sud", "player-status", (b) => delete b[field]) }));
      expect(answer.status).toBe(200);
      expect(bodyOf(answer).ret_code).toBe(0);
      expect(bodyOf(answer).ret_msg).toMatch(/^quarantined: invalid: notify envelope: /);
      expect(bodyOf(answer).ret_msg).toContain(`${field}: required`);
    });
  }

  it("quarantines a body that is not JSON, or not an object", async () => {
    const h = harness("sud-notify");
    for (const body of ["", "{", "[]", "null"]) {
      const answer = await h.send(sudCall({ body }));
      expect(answer.status, body).toBe(200);
      expect(bodyOf(answer).ret_msg, body).toMatch(/^quarantined: (malformed|invalid): /);
      expect(ackProblem("sud", answer)).toBeUndefined();
    }
  });
});

describe("SUD authentication and transport", () => {
  it("refuses a wrong signature, missing signature headers (401) and another app (403)", async () => {
    const h = harness("sud-notify");
    const body = fixtureText("sud", "player-status");
    const wrong = await h.send(sudCall({ body, secret: "not-the-secret" }));
    const missing = await h.send(sudCall({ body, headers: { "Sud-Signature": undefined } }));
    const other = await h.send(sudCall({ body, appId: "999" }));
    expect([wrong.status, missing.status, other.status]).toEqual([401, 401, 403]);
    for (const answer of [wrong, missing, other]) {
      expect(ackProblem("sud", answer)).toBeUndefined();
      expect(bodyOf(answer).ret_code).not.toBe(0);
    }
    expect(bodyOf(wrong).ret_msg).toContain("was the body re-serialised on the way?");
    expect(h.delivered).toHaveLength(0);
  });

  it("answers 405 to GET and to a direct invocation", async () => {
    const h = harness("sud-notify");
    const get = await h.send(sudCall({ body: "", method: "GET" }));
    expect(get.status).toBe(405);
    expect(bodyOf(get)).toMatchObject({ ret_code: 405 });
    expect((await h.invoke(fixtureText("sud", "player-status"))).status).toBe(405);
  });

  it("answers 413 to a body over 6 MB, and accepts a large image-sized one under it", async () => {
    const h = harness("sud-notify");
    const image = (size: number) => editFixture("sud", "player-draw-image", (b) => (b.data.image_data = `data:image/png;base64,${"A".repeat(size)}`));
    const big = image(6 * 1024 * 1024);
    const refused = await h.send(sudCall({ body: big }));
    expect(refused.status).toBe(413);
    expect(bodyOf(refused).ret_code).toBe(413);
    const fits = image(2 * 1024 * 1024);
    expect((await h.send(sudCall({ body: fits }))).status).toBe(200);
  });

  it("fails closed when SUD_APP_SECRET is missing: 500, non-zero ret_code naming the variable", async () => {
    const h = harness("sud-notify", { env: { SUD_APP_ID } });
    const answer = await h.send(sudCall({ body: fixtureText("sud", "player-status") }));
    expect(answer.status).toBe(500);
    expect(bodyOf(answer)).toMatchObject({ ret_code: 500, ret_msg: expect.stringContaining("SUD_APP_SECRET is not set") });
    expect(h.logs.some((l) => l.level === "error" && l.text.includes("SUD_APP_SECRET"))).toBe(true);
  });
});
