import { describe, expect, it } from "vitest";
import { editFixture, fixtureText } from "../../helpers/fixtures";
import { bodyOf, harness } from "../../helpers/harness";
import { sudCall } from "../../helpers/requests";

const EVENT = "sud.mg.merchant.player.status";
const SUCCESS = { ret_code: 0, ret_msg: "SUCCESS" };
const send = async (fn: "sud-notify" | "sud-player-status", body: string) => {
  const h = harness(fn);
  const answer = await h.send(sudCall({ body }));
  return { h, answer, ack: bodyOf(answer) };
};

describe("sud.mg.merchant.player.status", () => {
  for (const fn of ["sud-player-status", "sud-notify"] as const) {
    it(`${fn} accepts the documented event and tells who is hosted`, async () => {
      const { h, answer, ack } = await send(fn, fixtureText("sud", "player-status"));
      expect(answer.status).toBe(200);
      expect(ack).toEqual(SUCCESS);
      expect(h.delivered[0]).toMatchObject({
        id: "0795d77f85789da0eb387a5096",
        platform: "sud",
        callback: EVENT,
        known: true,
        eventTime: 1647834452408,
        data: {
          mg_id: "1468180338417074177",
          room_id: "9009",
          event: "manage_status",
          game: "LUDO",
          hosting: [
            { uid: "u001", managed: true },
            { uid: "u002", managed: false },
          ],
        },
      });
    });
  }

  it("accepts the seed's own request example (placeholder values, valid JSON)", async () => {
    const { h, answer } = await send("sud-player-status", fixtureText("sud", "player-status.doc-sample"));
    expect(answer.status).toBe(200);
    expect(h.delivered[0]!.data).toMatchObject({ mg_id: "xxx", game: undefined, hosting: [{ uid: "xxx", managed: true }] });
    // notify_time "xxx" is no time: the event time falls back to when it was received.
    expect(h.delivered[0]!.eventTime).toBe(h.delivered[0]!.receivedAt);
  });

  const games: Array<[string, string]> = [
    ["1468180338417074177", "LUDO"],
    ["1472142559912517633", "UMO"],
    ["1716668321022017537", "Snakes and Ladders"],
    ["1537330258004504578", "Domino"],
  ];
  for (const [mgId, game] of games) {
    it(`names the game ${game} (mg_id ${mgId}), also when mg_id arrives as a bare 19-digit number`, async () => {
      const asString = await send(
        "sud-player-status",
        editFixture("sud", "player-status", (b) => (b.data.mg_id = mgId)),
      );
      expect(asString.h.delivered[0]!.data).toMatchObject({ mg_id: mgId, game });
      const bare = fixtureText("sud", "player-status").replace('"mg_id": "1468180338417074177"', `"mg_id": ${mgId}`);
      const asNumber = await send("sud-player-status", bare);
      expect(asNumber.answer.status).toBe(200);
      expect(asNumber.h.delivered[0]!.data).toMatchObject({ mg_id: mgId, game });
    });
  }

  it("gives no hosting list for other events, and skips players without is_managed", async () => {
    const other = await send(
      "sud-player-status",
      editFixture("sud", "player-status", (b) => (b.data.event = "ready_status")),
    );
    expect(other.h.delivered[0]!.data).toMatchObject({ event: "ready_status", hosting: undefined });
    const partial = await send(
      "sud-player-status",
      editFixture("sud", "player-status", (b) => delete b.data.players[1].payload),
    );
    expect((partial.h.delivered[0]!.data as any).hosting).toEqual([{ uid: "u001", managed: true }]);
  });

  it("keeps fields SUD adds later in the data and each player; a new envelope field does no harm", async () => {
    const body = editFixture("sud", "player-status", (b) => {
      b.trace_id = "t-1";
      b.data.season = 3;
      b.data.players[0].seat = 2;
    });
    const { h } = await send("sud-player-status", body);
    const data = h.delivered[0]!.data as any;
    expect(data.season).toBe(3);
    expect(data.players[0]).toMatchObject({ uid: "u001", seat: 2 });
  });

  const missing: Array<[string, (b: any) => void, string]> = [
    ["mg_id", (b) => delete b.data.mg_id, "mg_id: required value is missing"],
    ["players", (b) => delete b.data.players, "players: required array is missing"],
    ["event", (b) => delete b.data.event, "event: required string is missing"],
    ["a player's uid", (b) => delete b.data.players[0].uid, "players[0].uid: required value is missing"],
  ];
  for (const [name, edit, message] of missing) {
    it(`quarantines a notification without ${name}: received (ret_code 0, 200) so SUD stops retrying, ret_msg naming the field`, async () => {
      const { h, answer, ack } = await send("sud-player-status", editFixture("sud", "player-status", edit));
      expect(answer.status).toBe(200);
      expect(ack.ret_code).toBe(0);
      expect(ack.ret_msg).toMatch(/^quarantined: invalid: /);
      expect(ack.ret_msg).toContain(message);
      expect(h.delivered).toHaveLength(0);
    });
  }

  it("quarantines wrong types: is_managed other than 0/1, players not an array", async () => {
    const managed = await send(
      "sud-player-status",
      editFixture("sud", "player-status", (b) => (b.data.players[0].payload.is_managed = 2)),
    );
    expect(managed.ack.ret_code).toBe(0);
    expect(managed.ack.ret_msg).toContain("players[0].payload.is_managed");
    const players = await send(
      "sud-player-status",
      editFixture("sud", "player-status", (b) => (b.data.players = {})),
    );
    expect(players.ack.ret_msg).toContain("players: expected array, got object");
  });
});
