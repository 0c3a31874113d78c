import { describe, expect, it } from "vitest";
import { toInbound } from "../../helpers/events";
import { fixtureText } from "../../helpers/fixtures";
import { bodyOf, eventsInErrorLogs, harness } from "../../helpers/harness";
import { sudCall } from "../../helpers/requests";

const EVENT = "sud.mg.merchant.player.status";
const call = () => sudCall({ body: fixtureText("sud", "player-status") });

describe("SUD delivery to the typed handler", () => {
  it("a duplicate notify_id is acknowledged with ret_code 0 and delivered once", async () => {
    let calls = 0;
    const h = harness("sud-player-status", { handlers: { [EVENT]: () => void calls++ } });
    for (let i = 0; i < 3; i++) expect(bodyOf(await h.send(call()))).toEqual({ ret_code: 0, ret_msg: "SUCCESS" });
    expect(calls).toBe(1);
  });

  it("a handler that throws gets a non-zero ret_code (SUD retries), the event logged in full; the retry is delivered", async () => {
    let attempt = 0;
    const h = harness("sud-notify", {
      handlers: {
        [EVENT]: (event) => {
          attempt++;
          if (attempt === 1) throw new Error(`game service down for ${event.data.hosting.length} players`);
        },
      },
    });
    const failed = await h.send(call());
    expect(failed.status).toBe(503);
    expect(bodyOf(failed)).toMatchObject({ ret_code: 503, ret_msg: expect.stringContaining("handler: failed") });
    expect(failed.body).not.toContain("game service down");
    expect(JSON.stringify(h.logs)).toContain("game service down for 2 players");
    expect(eventsInErrorLogs(h.logs)[0]).toMatchObject({
      id: "0795d77f85789da0eb387a5096",
      callback: EVENT,
      data: {
        game: "LUDO",
        hosting: [
          { uid: "u001", managed: true },
          { uid: "u002", managed: false },
        ],
      },
      raw: { mg_id: "1468180338417074177" },
    });

    const retried = await h.send(call());
    expect(bodyOf(retried)).toEqual({ ret_code: 0, ret_msg: "SUCCESS" });
    expect(attempt).toBe(2);
  });

  it("a handler still running at the deadline gets a non-zero ret_code and the event is logged", async () => {
    const h = harness("sud-notify", { handlers: { [EVENT]: () => new Promise(() => {}) } });
    const answer = await h.process(toInbound(call(), h.clock.now(), { deadlineAt: h.clock.now() + 400 }));
    expect(answer.status).toBe(503);
    expect(bodyOf(answer).ret_code).toBe(503);
    expect(bodyOf(answer).ret_msg).toMatch(/not finished within \d+ ms/);
    expect(eventsInErrorLogs(h.logs)).toHaveLength(1);
  });

  it("the unknown handler sees events without a schema", async () => {
    const seen: string[] = [];
    const h = harness("sud-notify", { handlers: { unknown: (event) => void seen.push(event.callback) } });
    await h.send(sudCall({ body: fixtureText("sud", "unknown-event") }));
    expect(seen).toEqual(["sud.mg.merchant.future.event"]);
  });
});
