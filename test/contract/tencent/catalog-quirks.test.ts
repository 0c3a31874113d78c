// The catalog's documented quirks, each against the one-URL function: other shapes of the same
// callback, bare 18-digit ids, times in other units or places, documented misspellings of command
// names, and handlers subscribed to one sub-event.
import { describe, expect, it } from "vitest";
import { editFixture, fixtureText } from "../../helpers/fixtures";
import { bodyOf, harness } from "../../helpers/harness";
import { NOW_MS, TENCENT_TOKEN, tencentCall } from "../../helpers/requests";

const MEMBER = "Live.CallbackAfterMemberStateChanged";
const send = (command: string, body: string, query?: Record<string, string | undefined>) => tencentCall({ command, body, token: TENCENT_TOKEN, ...(query ? { query } : {}) });

async function deliver(command: string, body: string, query?: Record<string, string | undefined>) {
  const h = harness("tencent-live");
  const answer = await h.send(send(command, body, query));
  expect(answer.status, bodyOf(answer).ErrorInfo).toBe(200);
  expect(h.delivered).toHaveLength(1);
  return h.delivered[0]!;
}

describe("Live.CallbackAfterCreateRoom: EventTime at the top, inside RoomInfo, or absent", () => {
  const CREATE = "Live.CallbackAfterCreateRoom";

  it("reads EventTime inside RoomInfo, and a bare 18-digit Owner_Account as an exact string", async () => {
    const event = await deliver(CREATE, fixtureText("tencent", "create-room-event-time-in-room-info"));
    expect(event).toMatchObject({
      id: "Live.CallbackAfterCreateRoom:live-room-0077:1703589922780",
      eventTime: 1703589922780,
      data: { roomId: "live-room-0077", createdAt: 1703589922000, RoomInfo: { Owner_Account: "144115216631667826", Category: [] } },
    });
  });

  it("without any EventTime, takes the room's CreateTime (s → ms) as the event time and in the id", async () => {
    const event = await deliver(CREATE, fixtureText("tencent", "create-room-no-event-time"));
    expect(event).toMatchObject({ id: "Live.CallbackAfterCreateRoom:tandy-test-rest:1703589922000", eventTime: 1703589922000 });
  });

  it("without EventTime or CreateTime, falls back to the time received", async () => {
    const event = await deliver(
      CREATE,
      editFixture("tencent", "create-room-no-event-time", (b) => delete b.RoomInfo.CreateTime),
    );
    expect(event).toMatchObject({ id: "Live.CallbackAfterCreateRoom:tandy-test-rest", eventTime: NOW_MS, receivedAt: NOW_MS });
    expect(event.data).not.toHaveProperty("createdAt");
  });

  it("accepts the older shape with RoomId at the top level and a partial RoomInfo", async () => {
    const event = await deliver(CREATE, fixtureText("tencent", "create-room"));
    expect(event).toMatchObject({
      id: "Live.CallbackAfterCreateRoom:live-room-0042:1731639000456",
      known: true,
      data: { roomId: "live-room-0042", Operator_Account: "host_0042", RoomInfo: { Owner_Account: "144115216631667826" } },
    });
  });

  it("accepts a body with RoomId and no RoomInfo at all", async () => {
    const event = await deliver(CREATE, JSON.stringify({ CallbackCommand: CREATE, RoomId: "r-1", EventTime: 1731639000456 }));
    expect(event.data).toMatchObject({ roomId: "r-1" });
  });

  it("refuses a RoomInfo field of the wrong type, naming it", async () => {
    const h = harness("tencent-live");
    const answer = await h.send(
      send(
        CREATE,
        editFixture("tencent", "create-room.doc-sample", (b) => (b.RoomInfo.CreateTime = "soon")),
      ),
    );
    expect(answer.status).toBe(200); // quarantined
    expect(bodyOf(answer).ErrorInfo).toContain("RoomInfo.CreateTime: expected number, got string");
  });
});

describe("partial and numeric shapes", () => {
  it("UpdateRoomInfo: a RoomInfo with only the changed fields; a bare 18-digit Operator_Account", async () => {
    const event = await deliver("Live.CallbackAfterUpdateRoomInfo", fixtureText("tencent", "update-room-info-partial"));
    expect(event.data).toEqual({
      CallbackCommand: "Live.CallbackAfterUpdateRoomInfo",
      Operator_Account: "144115233775727695",
      RoomInfo: { RoomId: "live-room", CoverURL: "https://example.com/new-cover.png" },
      EventTime: 1670574415000,
    });
  });

  it("ReachingThreshold: counts sent as strings (the doc's table types) come out as numbers", async () => {
    const event = await deliver("Live.CallbackAfterCreateRoomReachingThreshold", fixtureText("tencent", "create-room-threshold-string-counts"));
    expect(event.data).toMatchObject({ CurRoomCount: 351, MaxRoomCount: 500 });
    expect(event.id).toBe("Live.CallbackAfterCreateRoomReachingThreshold:1739966441999:351");
  });

  it("ReachingThreshold: refuses a count that is no whole number", async () => {
    const h = harness("tencent-live");
    const body = editFixture("tencent", "create-room-threshold", (b) => (b.CurRoomCount = "lots"));
    const answer = await h.send(send("Live.CallbackAfterCreateRoomReachingThreshold", body));
    expect(answer.status).toBe(200); // quarantined
    expect(bodyOf(answer).ErrorInfo).toContain("CurRoomCount");
  });

  it("SeatInfoChanged: a bare 18-digit Member_Account is exact, an empty seat has none, Conference's Operator_Account is kept", async () => {
    const event = await deliver("Mic.CallbackAfterSeatInfoChanged", fixtureText("tencent", "seat-info-changed-bare-ids"));
    expect(event.data).toMatchObject({
      Operator_Account: "user2",
      SeatList: [
        { Index: 0, Member_Account: "144115233775727695", IsVideoDisabled: true },
        { Index: 1, Member_Account: "user2" },
      ],
    });
    const empty = await deliver("Mic.CallbackAfterSeatInfoChanged", fixtureText("tencent", "seat-info-changed"));
    expect((empty.data as any).SeatList[1]).not.toHaveProperty("Member_Account");
  });

  it("CreateBattle: without EventTime the event time is the time received (BattleId alone names it)", async () => {
    const event = await deliver(
      "Live.CallbackAfterCreateBattle",
      editFixture("tencent", "create-battle", (b) => delete b.EventTime),
    );
    expect(event).toMatchObject({ id: "Live.CallbackAfterCreateBattle:4siHsNsWN/T3aub9zKraqPbSEGRX2z6gs3LDFi+d/3M=", eventTime: NOW_MS });
  });

  it("MemberStateChanged: a Kicked member with a bare 18-digit account", async () => {
    const event = await deliver("Live.CallbackAfterMemberStateChanged", fixtureText("tencent", "member-state-kicked"));
    expect(event).toMatchObject({
      id: "Live.CallbackAfterMemberStateChanged:room_id:1703589930001:Offline:Kicked:144115233775727695",
      subEvent: "Kicked",
      data: { EventType: "Offline", EventCause: "Kicked", MemberList: [{ Member_Account: "144115233775727695" }] },
    });
  });

  it("MemberStateChanged: a cause it does not know passes on as it came", async () => {
    const event = await deliver(
      MEMBER,
      editFixture("tencent", "member-state-changed", (b) => (b.EventCause = "Banned")),
    );
    expect(event).toMatchObject({ subEvent: "Banned", data: { EventCause: "Banned" } });
  });

  it("MemberStateChanged: a long member list still gives a short id that names the members", async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ Member_Account: `viewer_${i}` }));
    const first = await deliver(
      MEMBER,
      editFixture("tencent", "member-state-changed", (b) => (b.MemberList = many(500))),
    );
    const other = await deliver(
      MEMBER,
      editFixture("tencent", "member-state-changed", (b) => (b.MemberList = many(499))),
    );
    expect(first.id.length).toBeLessThan(200);
    expect(first.id).not.toBe(other.id);
  });
});

describe("Group.CallbackAfterSendMsg: the Live variant and the generic IM one", () => {
  const SENT = "Group.CallbackAfterSendMsg";

  it("the IM shape: integer EventTime, a Public group, a bare 18-digit From_Account, several elements", async () => {
    const event = await deliver(SENT, fixtureText("tencent", "group-message-sent-im"));
    expect(event).toMatchObject({
      id: "Group.CallbackAfterSendMsg:@TGS#2J4SZEAEL:124",
      eventTime: 1670574414999,
      subEvent: "Public",
      data: {
        From_Account: "144115233406643804",
        Operator_Account: "",
        sentAt: 1490686230000,
        MsgBody: [
          { MsgType: "TIMCustomElem", MsgContent: { Desc: "gift" } },
          { MsgType: "TIMFaceElem", MsgContent: { Index: 1 } },
        ],
        GroupAtInfo: [{ GroupAt_Account: "tommy" }],
      },
    });
  });

  it("a message in a topic is named by its topic too (MsgSeq counts per topic)", async () => {
    const event = await deliver(
      SENT,
      editFixture("tencent", "group-message-sent-im", (b) => (b.TopicId = "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TEST")),
    );
    expect(event.id).toBe("Group.CallbackAfterSendMsg:@TGS#2J4SZEAEL:124:@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TEST");
  });

  it("without EventTime the event time is the time received; without MsgTime there is no sentAt", async () => {
    const event = await deliver(
      SENT,
      editFixture("tencent", "group-message-sent", (b) => (delete b.EventTime, delete b.MsgTime)),
    );
    expect(event.eventTime).toBe(NOW_MS);
    expect(event.data).not.toHaveProperty("sentAt");
  });

  it("refuses an EventTime string that is not a number", async () => {
    const h = harness("tencent-live");
    const answer = await h.send(
      send(
        SENT,
        editFixture("tencent", "group-message-sent", (b) => (b.EventTime = "yesterday")),
      ),
    );
    expect(answer.status).toBe(200); // quarantined
    expect(bodyOf(answer).ErrorInfo).toContain("EventTime");
  });
});

describe("Follow: FollowAdd and FollowDelete name the followed accounts differently", () => {
  it("both come out as toAccounts, exact strings, whichever shape the body uses", async () => {
    const bare = "144115233775727695";
    const added = await deliver("Follow.CallbackAfterFollowAdd", fixtureText("tencent", "follow-add").replace('"UserID_003"', bare));
    expect(added.data).toMatchObject({ toAccounts: ["UserID_002", bare] });
    // Each accepts the other's shape, should the documents have them the wrong way round.
    const addAsList = await deliver(
      "Follow.CallbackAfterFollowAdd",
      editFixture("tencent", "follow-add", (b) => ((b.To_Account = ["UserID_009"]), delete b.FollowList)),
    );
    expect(addAsList.data).toMatchObject({ toAccounts: ["UserID_009"] });
    const deleteAsObjects = await deliver(
      "Follow.CallbackAfterFollowDelete",
      editFixture("tencent", "follow-delete", (b) => ((b.FollowList = [{ To_Account: "UserID_008" }]), delete b.To_Account)),
    );
    expect(deleteAsObjects).toMatchObject({
      id: "Follow.CallbackAfterFollowDelete:UserID_001:1702018343678:UserID_008",
      data: { toAccounts: ["UserID_008"] },
    });
  });

  it("a follow and an unfollow of the same accounts at the same time are different events", async () => {
    const h = harness("tencent-live");
    await h.send(send("Follow.CallbackAfterFollowAdd", fixtureText("tencent", "follow-add")));
    await h.send(send("Follow.CallbackAfterFollowDelete", fixtureText("tencent", "follow-delete")));
    expect(h.delivered).toHaveLength(2);
    expect(new Set(h.delivered.map((e) => e.id)).size).toBe(2);
  });
});

describe("Live.CallbackAfterModifyAdmin: the lower-case opType key", () => {
  it('reads opType "delete", and a PascalCase OpType should the key be corrected', async () => {
    const removed = await deliver(
      "Live.CallbackAfterModifyAdmin",
      editFixture("tencent", "modify-admin", (b) => (b.opType = "delete")),
    );
    expect(removed).toMatchObject({ subEvent: "delete", data: { operation: "delete" } });
    const pascalBody = editFixture("tencent", "modify-admin", (b) => ((b.OpType = "add"), delete b.opType));
    const pascal = await deliver("Live.CallbackAfterModifyAdmin", pascalBody);
    expect(pascal).toMatchObject({ subEvent: "add", data: { operation: "add", OpType: "add" } });
  });
});

describe("Live.CallbackAfterCloudRecordingChanged: the native TRTC recording body", () => {
  it("under the EN page's Follow.… name, a numeric RoomId, and EventTs in seconds", async () => {
    const event = await deliver("Follow.CallbackAfterCloudRecordingChanged", fixtureText("tencent", "cloud-recording-changed-en"));
    expect(event).toMatchObject({
      callback: "Live.CallbackAfterCloudRecordingChanged",
      id: "Live.CallbackAfterCloudRecordingChanged:635055:-m9-bVVU7id***K-m928oZWQndiborbEWH3zY-lIXlprc-gQvQE:301:1752580090000",
      eventTime: 1752580090000,
      subEvent: "RECORDER_START",
      data: { recordingEvent: "RECORDER_START", EventInfo: { RoomId: "635055" } },
    });
  });

  it('an EventType it does not know is "unknown"; without event times the callback\'s own CallbackTs is the time', async () => {
    const event = await deliver(
      "Live.CallbackAfterCloudRecordingChanged",
      editFixture("tencent", "cloud-recording-changed", (b) => ((b.EventType = 399), delete b.EventInfo.EventMsTs, delete b.EventInfo.EventTs)),
    );
    expect(event).toMatchObject({ eventTime: 1752580150082, data: { EventType: 399, recordingEvent: "unknown" } });
    // CallbackTs says when it was sent, which a resend may change: it is no part of the id.
    expect(event.id).toBe("Live.CallbackAfterCloudRecordingChanged:635055:-m9-bVVU7id***K-m928oZWQndiborbEWH3zY-lIXlprc-gQvQE:399:");
  });
});

describe("documented misspellings of command names reach the callback under its own name", () => {
  const cases: Array<[alias: string, canonical: string, fixture: string]> = [
    ["Live.CallbackMemberStateChanged", "Live.CallbackAfterMemberStateChanged", "member-state-changed"],
    ["Follow.CallbackAfterCloudRecordingChanged", "Live.CallbackAfterCloudRecordingChanged", "cloud-recording-changed"],
  ];
  for (const [alias, canonical, fixture] of cases) {
    it(`${alias} → ${canonical}, in the body and the query alike`, async () => {
      const aliased = editFixture("tencent", fixture, (b) => (b.CallbackCommand = alias));
      const both = await deliver(alias, aliased);
      expect(both).toMatchObject({ callback: canonical, known: true });
      expect(both.id.startsWith(`${canonical}:`)).toBe(true);
      // One spelling in the query and the other in the body is the same command, not a disagreement.
      expect(await deliver(alias, fixtureText("tencent", fixture))).toMatchObject({ callback: canonical });
      expect(await deliver(canonical, aliased)).toMatchObject({ callback: canonical });
    });
  }

  it("DelMetadata's table names SetMetadata: that is another callback, so a mismatch stays refused", async () => {
    const h = harness("tencent-live");
    const answer = await h.send(send("Live.CallbackAfterSetMetadata", fixtureText("tencent", "del-metadata")));
    expect(answer.status).toBe(200); // quarantined
    expect(bodyOf(answer).ErrorInfo).toContain("CallbackCommand differs");
  });
});

describe("sub-event handlers", () => {
  it("a handler for one EventCause runs for it alone; the callback's own handler runs for every one", async () => {
    const seen: string[] = [];
    const h = harness("tencent-live", {
      handlers: {
        "Live.CallbackAfterMemberStateChanged": (event) => void seen.push(`all:${event.data.EventCause}`),
        "Live.CallbackAfterMemberStateChanged.Enter": (event) => void seen.push(`enter:${event.data.MemberList.length}`),
        "Live.CallbackAfterModifyAdmin.delete": (event) => void seen.push(`delete:${event.data.Admin_Account.join(",")}`),
        "Live.CallbackAfterCloudRecordingChanged.UPLOAD_STOP": (event) => void seen.push(`upload:${event.data.EventInfo.TaskId}`),
      },
    });
    const member = (cause: string) => editFixture("tencent", "member-state-changed", (b) => ((b.EventCause = cause), (b.EventTime += cause.length)));
    for (const cause of ["Enter", "Leave", "HeartbeatInterrupt"]) await h.send(send("Live.CallbackAfterMemberStateChanged", member(cause)));
    await h.send(send("Live.CallbackAfterModifyAdmin", fixtureText("tencent", "modify-admin")));
    await h.send(
      send(
        "Live.CallbackAfterModifyAdmin",
        editFixture("tencent", "modify-admin", (b) => (b.opType = "delete")),
      ),
    );
    await h.send(send("Live.CallbackAfterCloudRecordingChanged", fixtureText("tencent", "cloud-recording-changed")));
    expect(seen).toEqual(["all:Enter", "enter:2", "all:Leave", "all:HeartbeatInterrupt", "delete:user1,user2", "upload:-m9-bVVU7id***K-m928oZWQndiborbEWH3zY-lIXlprc-gQvQE"]);
  });

  it("the battle-end and room-destroyed callbacks have sub-events too: endReason and EventType", async () => {
    const seen: string[] = [];
    const h = harness("tencent-live", {
      handlers: {
        "Live.CallbackAfterEndBattle.time_up": (event) => void seen.push(`time_up:${event.data.BattleId}`),
        "Live.CallbackAfterEndBattle.never_started": () => void seen.push("never_started"),
        "Live.CallbackAfterDestroyRoom.DestroyBySystem": (event) => void seen.push(`system:${event.data.RoomId}`),
      },
    });
    await h.send(send("Live.CallbackAfterEndBattle", fixtureText("tencent", "battle-end")));
    await h.send(send("Live.CallbackAfterDestroyRoom", fixtureText("tencent", "room-destroyed")));
    await h.send(send("Live.CallbackAfterDestroyRoom", fixtureText("tencent", "room-destroyed-by-system")));
    expect(seen).toEqual(["time_up:4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=", "system:live-room-0042"]);
    expect(h.delivered.map((e) => e.subEvent)).toEqual(["time_up", "DestroyByUser", "DestroyBySystem"]);
  });
});
