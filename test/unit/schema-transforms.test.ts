import { describe, expect, it } from "vitest";
import { playerStatus } from "../../shared/platforms/sud/callbacks/player-status";
import { battleEnd } from "../../shared/platforms/tencent/callbacks/battle-end";

// The derived fields (game, hosting, endReason) are added to the object zod builds, never to the
// parsed payload, which the event keeps as `raw`.
describe("schema transforms", () => {
  it("add derived fields to the validated copy and leave the input untouched", () => {
    const status = { mg_id: "1", room_id: "2", event: "manage_status", players: [{ uid: "u", timestamp: "1", payload: { is_managed: 1 } }], extra: 1 };
    const out = playerStatus.schema.parse(status);
    expect(out).not.toBe(status);
    expect(out).toMatchObject({ extra: 1, hosting: [{ uid: "u", managed: true }] });
    expect("game" in status || "hosting" in status).toBe(false);

    const battle = {
      BattleId: "x",
      Duration: 1,
      CreateTime: 1,
      StartTime: 1,
      EndTime: 1,
      OpType: 1,
      FromRoomInfo: { RoomId: "a", Owner_Account: "o" },
      ToRoomList: [],
      EventTime: 1,
    };
    expect(battleEnd.schema.parse(battle).endReason).toBe("all_hosts_left");
    expect("endReason" in battle).toBe(false);
  });
});
