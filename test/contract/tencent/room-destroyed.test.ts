import { describe, expect, it } from "vitest";
import { editFixture, fixtureText } from "../../helpers/fixtures";
import { bodyOf, harness } from "../../helpers/harness";
import { TENCENT_TOKEN, tencentCall } from "../../helpers/requests";

const COMMAND = "Live.CallbackAfterDestroyRoom";
const call = (body: string) => tencentCall({ command: COMMAND, body, token: TENCENT_TOKEN });

describe("Live.CallbackAfterDestroyRoom", () => {
  it("accepts the documented sample with RoomInfo and Statistic; RoomInfo.Owner_Account is an exact string", async () => {
    const h = harness("tencent-live-room-destroyed");
    const answer = await h.send(call(fixtureText("tencent", "room-destroyed")));
    expect(answer.status).toBe(200);
    expect(h.delivered[0]).toMatchObject({
      id: "Live.CallbackAfterDestroyRoom:tandy-test-rest:1703589922780",
      eventTime: 1703589922780,
      data: {
        Operator_Account: "admin",
        EventType: "DestroyByUser",
        RoomInfo: { Owner_Account: "144115216631667826", TakeSeatMode: "FreeToTake", Category: [1, 2, 3], IsUnlimitedRoomEnabled: true },
        Statistic: { TotalViewers: 0, TotalLikesReceived: 0 },
      },
    });
  });

  it("accepts the older shape without RoomInfo or Statistic", async () => {
    const h = harness("tencent-live-room-destroyed");
    expect((await h.send(call(fixtureText("tencent", "room-destroyed-legacy")))).status).toBe(200);
    const data = h.delivered[0]!.data as Record<string, unknown>;
    expect(data.RoomId).toBe("tandy-test-rest");
    expect(data).not.toHaveProperty("RoomInfo");
    expect(data).not.toHaveProperty("Statistic");
  });

  it("accepts a system destroy by @TIM#SYSTEM, with RoomInfo.RoomId and no Statistic", async () => {
    const h = harness("tencent-live");
    expect((await h.send(call(fixtureText("tencent", "room-destroyed-by-system")))).status).toBe(200);
    expect(h.delivered[0]).toMatchObject({
      callback: COMMAND,
      known: true,
      data: { Operator_Account: "@TIM#SYSTEM", EventType: "DestroyBySystem", RoomInfo: { RoomId: "live-room-0042", CustomInfo: '{"theme":"music"}' } },
    });
  });

  it("passes an EventType it does not know on as it came", async () => {
    const h = harness("tencent-live-room-destroyed");
    expect((await h.send(call(editFixture("tencent", "room-destroyed-legacy", (b) => (b.EventType = "DestroyByAdmin"))))).status).toBe(200);
    expect(h.delivered[0]!.data).toMatchObject({ EventType: "DestroyByAdmin" });
  });

  it("quarantines a destroy without RoomId or EventTime, and a RoomInfo of the wrong type", async () => {
    const h = harness("tencent-live-room-destroyed");
    const noRoom = await h.send(call(editFixture("tencent", "room-destroyed", (b) => delete b.RoomId)));
    expect(noRoom.status).toBe(200);
    expect(bodyOf(noRoom).ErrorCode).toBe(400);
    expect(bodyOf(noRoom).ErrorInfo).toContain("RoomId: required string is missing");
    const noTime = await h.send(call(editFixture("tencent", "room-destroyed", (b) => delete b.EventTime)));
    expect(bodyOf(noTime).ErrorInfo).toContain("EventTime: required");
    const badInfo = await h.send(call(editFixture("tencent", "room-destroyed", (b) => (b.RoomInfo.MaxSeatCount = "4"))));
    expect(bodyOf(badInfo).ErrorInfo).toContain("RoomInfo.MaxSeatCount: expected number, got string");
    expect(h.delivered).toHaveLength(0);
  });
});
