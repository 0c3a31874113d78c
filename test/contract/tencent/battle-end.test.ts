import { describe, expect, it } from "vitest";
import { editFixture, fixtureText } from "../../helpers/fixtures";
import { bodyOf, harness } from "../../helpers/harness";
import { TENCENT_TOKEN, tencentCall } from "../../helpers/requests";

const COMMAND = "Live.CallbackAfterEndBattle";
const call = (body: string) => tencentCall({ command: COMMAND, body, token: TENCENT_TOKEN });

describe("Live.CallbackAfterEndBattle", () => {
  it("accepts the documented sample; the 18-digit Owner_Account numbers come out as exact strings", async () => {
    const h = harness("tencent-live-battle-end");
    const answer = await h.send(call(fixtureText("tencent", "battle-end")));
    expect(answer.status).toBe(200);
    expect(bodyOf(answer).ActionStatus).toBe("OK");
    expect(h.delivered[0]).toMatchObject({
      id: "Live.CallbackAfterEndBattle:4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=",
      callback: COMMAND,
      eventTime: 1739956146119,
      data: {
        EndTime: 1739956145,
        OpType: 0,
        endReason: "time_up",
        FromRoomInfo: { RoomId: "pk-3", Score: 0, Owner_Account: "144115245353757792" },
        ToRoomList: [{ RoomId: "pk-5", Score: 0, Owner_Account: "144115245442327522" }],
      },
    });
    // The raw payload keeps every digit too.
    expect((h.delivered[0]!.raw as any).FromRoomInfo.Owner_Account).toBe("144115245353757792");
  });

  const reasons: Array<[number, string]> = [
    [0, "time_up"],
    [1, "all_hosts_left"],
    [2, "never_started"],
    [7, "unknown"],
  ];
  for (const [opType, endReason] of reasons) {
    it(`reads OpType ${opType} as endReason "${endReason}"`, async () => {
      const h = harness("tencent-live-battle-end");
      const answer = await h.send(call(editFixture("tencent", "battle-end", (b) => (b.OpType = opType))));
      expect(answer.status).toBe(200);
      // The edited fixture keeps its 18-digit accounts exact, too.
      expect(h.delivered[0]!.data).toMatchObject({ OpType: opType, endReason, FromRoomInfo: { Owner_Account: "144115245353757792" } });
    });
  }

  it("accepts rooms without a Score (a battle that never started has none)", async () => {
    const h = harness("tencent-live-battle-end");
    const body = editFixture("tencent", "battle-end", (b) => {
      b.OpType = 2;
      delete b.FromRoomInfo.Score;
      delete b.ToRoomList[0].Score;
    });
    expect((await h.send(call(body))).status).toBe(200);
    expect(h.delivered[0]!.data).toMatchObject({ endReason: "never_started" });
  });

  it("quarantines a missing OpType and a non-integer Score, naming the field", async () => {
    const h = harness("tencent-live-battle-end");
    const noOp = await h.send(call(editFixture("tencent", "battle-end", (b) => delete b.OpType)));
    expect(noOp.status).toBe(200);
    expect(bodyOf(noOp)).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 400, ErrorInfo: expect.stringMatching(/^quarantined: invalid: /) });
    expect(bodyOf(noOp).ErrorInfo).toContain("OpType: required");
    const badScore = await h.send(call(editFixture("tencent", "battle-end", (b) => (b.ToRoomList[0].Score = "10"))));
    expect(badScore.status).toBe(200);
    expect(bodyOf(badScore).ErrorInfo).toContain("ToRoomList[0].Score: expected number, got string");
    expect(h.delivered).toHaveLength(0);
  });

  it("is quarantined by the battle-start function (FAIL, ErrorCode 400, HTTP 200), which serves one command only", async () => {
    const h = harness("tencent-live-battle-start");
    const answer = await h.send(call(fixtureText("tencent", "battle-end")));
    expect(answer.status).toBe(200);
    expect(bodyOf(answer)).toMatchObject({ ErrorCode: 400, ErrorInfo: expect.stringMatching(/^quarantined: wrong_callback: /) });
    expect(bodyOf(answer)).toMatchObject({ ActionStatus: "FAIL", ErrorInfo: expect.stringContaining("serves Live.CallbackAfterStartBattle, not Live.CallbackAfterEndBattle") });
    expect(h.delivered).toHaveLength(0);
  });
});
