import { describe, expect, it } from "vitest";
import { bodyOf, harness } from "../../helpers/harness";
import { editFixture, fixtureText } from "../../helpers/fixtures";
import { TENCENT_TOKEN, tencentCall } from "../../helpers/requests";

const COMMAND = "Live.CallbackAfterStartBattle";
const OK = { ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 };
const call = (body: string, command = COMMAND) => tencentCall({ command, body, token: TENCENT_TOKEN });
const sample = () => fixtureText("tencent", "battle-start");

describe("Live.CallbackAfterStartBattle", () => {
  for (const fn of ["tencent-live-battle-start", "tencent-live"] as const) {
    it(`${fn} accepts the documented sample and delivers a typed event`, async () => {
      const h = harness(fn);
      const answer = await h.send(call(sample()));
      expect(answer.status).toBe(200);
      expect(bodyOf(answer)).toEqual(OK);
      expect(h.delivered).toHaveLength(1);
      expect(h.delivered[0]).toMatchObject({
        id: "Live.CallbackAfterStartBattle:4siHsNsWN/T3aub9zKraqI4zZAyPRpXQhdtKv1q4HOs=",
        platform: "tencent-live",
        callback: COMMAND,
        known: true,
        eventTime: 1739954005000,
        data: {
          BattleId: "4siHsNsWN/T3aub9zKraqI4zZAyPRpXQhdtKv1q4HOs=",
          Duration: 60000,
          CreateTime: 1739954005,
          StartTime: 1739954005,
          FromRoomInfo: { RoomId: "pk-3", Owner_Account: "brennan" },
          ToRoomList: [{ RoomId: "pk-5", Owner_Account: "tandy" }],
        },
      });
    });
  }

  it("turns 18-digit numeric Owner_Account values into exact strings", async () => {
    const body = sample().replace('"brennan"', "144115245353757792").replace('"tandy"', "144115245442327522");
    const h = harness("tencent-live-battle-start");
    expect((await h.send(call(body))).status).toBe(200);
    const data = h.delivered[0]!.data as any;
    expect(data.FromRoomInfo.Owner_Account).toBe("144115245353757792");
    expect(data.ToRoomList[0].Owner_Account).toBe("144115245442327522");
  });

  it("keeps fields the platform adds later, at the top and in nested rooms", async () => {
    const body = editFixture("tencent", "battle-start", (b) => {
      b.BattleMode = "multi";
      b.FromRoomInfo.Seat = 2;
    });
    const h = harness("tencent-live-battle-start");
    expect((await h.send(call(body))).status).toBe(200);
    expect(h.delivered[0]!.data).toMatchObject({ BattleMode: "multi", FromRoomInfo: { Seat: 2 } });
  });

  for (const field of ["BattleId", "Duration", "FromRoomInfo", "ToRoomList", "EventTime"]) {
    it(`quarantines a callback without ${field}: FAIL with ErrorCode 400 over HTTP 200, the ErrorInfo names the field`, async () => {
      const h = harness("tencent-live-battle-start");
      const answer = await h.send(call(editFixture("tencent", "battle-start", (b) => delete b[field])));
      expect(answer.status).toBe(200);
      expect(bodyOf(answer)).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 400, ErrorInfo: expect.stringMatching(/^quarantined: invalid: /) });
      expect(bodyOf(answer).ErrorInfo).toContain(`${field}: required`);
      expect(h.delivered).toHaveLength(0);
    });
  }

  it("quarantines wrong types, naming the field and the type", async () => {
    const h = harness("tencent-live-battle-start");
    const answer = await h.send(call(editFixture("tencent", "battle-start", (b) => (b.Duration = "60000"))));
    expect(answer.status).toBe(200);
    expect(bodyOf(answer).ErrorInfo).toContain("Duration: expected number, got string");
    const rooms = await h.send(call(editFixture("tencent", "battle-start", (b) => (b.ToRoomList = { RoomId: "pk-5" }))));
    expect(bodyOf(rooms).ErrorInfo).toContain("ToRoomList: expected array, got object");
  });
});
