// Every notification of Tencent Live's catalog at the one callback URL: the documented sample becomes
// one typed event (dedupe id, event time in ms, decoded fields, exact id strings), a retry is
// delivered once while a different event gets a different id, fields added later are kept, and a
// body missing what the callback cannot be used without is refused naming the field.
import { describe, expect, it } from "vitest";
import { editFixture, fixtureText } from "../../helpers/fixtures";
import { bodyOf, harness } from "../../helpers/harness";
import { TENCENT_TOKEN, tencentCall } from "../../helpers/requests";

interface Case {
  readonly command: string;
  readonly fixture: string;
  readonly id: string;
  readonly eventTime: number;
  readonly subEvent?: string;
  readonly data: Record<string, unknown>;
  /** Changes the sample into another event of the same callback: it must get another id. */
  readonly another: (body: any) => void;
  /** Paths (dot-separated) the callback cannot be used without, and the refusal that names each. */
  readonly required: ReadonlyArray<readonly [path: string, message: string]>;
}

const CASES: readonly Case[] = [
  {
    command: "Live.CallbackAfterCreateRoom",
    fixture: "create-room.doc-sample",
    id: "Live.CallbackAfterCreateRoom:tandy-test-rest:1703589922780",
    eventTime: 1703589922780,
    data: {
      roomId: "tandy-test-rest",
      createdAt: 1703589922000,
      Operator_Account: "admin",
      RoomInfo: { RoomType: "Live", Owner_Account: "user3", TakeSeatMode: "ApplyToTake", CreateTime: 1703589922, Category: [1, 2] },
    },
    another: (b) => (b.EventTime += 60_000),
    required: [["RoomInfo.RoomId", "RoomInfo.RoomId: required string is missing"]],
  },
  {
    command: "Live.CallbackAfterUpdateRoomInfo",
    fixture: "update-room-info",
    id: "Live.CallbackAfterUpdateRoomInfo:live-room:1670574414123",
    eventTime: 1670574414123,
    data: { Operator_Account: "bob", RoomInfo: { RoomId: "live-room", ActivityStatus: 1, Category: [1, 2, 3], IsPublicVisible: false } },
    another: (b) => (b.EventTime += 1),
    required: [
      ["RoomInfo.RoomId", "RoomInfo.RoomId: required string is missing"],
      ["EventTime", "EventTime: required"],
    ],
  },
  {
    command: "Live.CallbackAfterSetMetadata",
    fixture: "set-metadata",
    id: "Live.CallbackAfterSetMetadata:live-room1111:1739965885831",
    eventTime: 1739965885831,
    data: {
      RoomId: "live-room1111",
      Metadata: [
        { Key: "key1", Value: "value1" },
        { Key: "key2", Value: "value2" },
      ],
    },
    another: (b) => (b.EventTime += 1),
    required: [
      ["RoomId", "RoomId: required string is missing"],
      ["Metadata", "Metadata: required array is missing"],
      ["Metadata.0.Value", "Metadata[0].Value: required string is missing"],
      ["EventTime", "EventTime: required"],
    ],
  },
  {
    command: "Live.CallbackAfterDelMetadata",
    fixture: "del-metadata",
    id: "Live.CallbackAfterDelMetadata:live-room1111:1739966441121",
    eventTime: 1739966441121,
    data: { RoomId: "live-room1111", Keys: ["key1", "key2"], Operator_Account: "brennanli" },
    another: (b) => (b.RoomId = "live-room2222"),
    required: [
      ["RoomId", "RoomId: required string is missing"],
      ["Keys", "Keys: required array is missing"],
      ["EventTime", "EventTime: required"],
    ],
  },
  {
    command: "Live.CallbackAfterCreateRoomReachingThreshold",
    fixture: "create-room-threshold",
    id: "Live.CallbackAfterCreateRoomReachingThreshold:1739966441121:400",
    eventTime: 1739966441121,
    data: { Operator_Account: "brennanli", CurRoomCount: 400, MaxRoomCount: 500 },
    another: (b) => (b.CurRoomCount = 401),
    required: [
      ["CurRoomCount", "CurRoomCount: required"],
      ["MaxRoomCount", "MaxRoomCount: required"],
      ["EventTime", "EventTime: required"],
    ],
  },
  {
    command: "Live.CallbackAfterMemberStateChanged",
    fixture: "member-state-changed",
    id: "Live.CallbackAfterMemberStateChanged:room_id:1703589922780:Online:Enter:jared:tommy",
    eventTime: 1703589922780,
    subEvent: "Enter",
    data: { RoomId: "room_id", EventType: "Online", EventCause: "Enter", MemberList: [{ Member_Account: "jared" }, { Member_Account: "tommy" }] },
    another: (b) => (b.MemberList = [{ Member_Account: "jared" }]),
    required: [
      ["RoomId", "RoomId: required string is missing"],
      ["EventType", "EventType: required string is missing"],
      ["EventCause", "EventCause: required string is missing"],
      ["MemberList", "MemberList: required array is missing"],
      ["MemberList.0.Member_Account", "MemberList[0].Member_Account: required"],
      ["EventTime", "EventTime: required"],
    ],
  },
  {
    command: "Live.CallbackAfterChangeOwner",
    fixture: "change-owner",
    id: "Live.CallbackAfterChangeOwner:room_id:1703589922780:user2",
    eventTime: 1703589922780,
    data: { RoomId: "room_id", Operator_Account: "admin", CurrentOwner_Account: "user2", OriginalOwner_Account: "user1" },
    another: (b) => (b.CurrentOwner_Account = "user3"),
    required: [
      ["RoomId", "RoomId: required string is missing"],
      ["CurrentOwner_Account", "CurrentOwner_Account: required"],
      ["EventTime", "EventTime: required"],
    ],
  },
  {
    command: "Live.CallbackAfterModifyAdmin",
    fixture: "modify-admin",
    id: "Live.CallbackAfterModifyAdmin:room_id:1703589922780:add:user1:user2",
    eventTime: 1703589922780,
    subEvent: "add",
    data: { RoomId: "room_id", Operator_Account: "admin", Admin_Account: ["user1", "user2"], opType: "add", operation: "add" },
    another: (b) => (b.opType = "delete"),
    required: [
      ["RoomId", "RoomId: required string is missing"],
      ["Admin_Account", "Admin_Account: required array is missing"],
      ["opType", "opType: required string is missing"],
      ["EventTime", "EventTime: required"],
    ],
  },
  {
    command: "Mic.CallbackAfterSeatInfoChanged",
    fixture: "seat-info-changed",
    id: "Mic.CallbackAfterSeatInfoChanged:rid-123:1670574414123",
    eventTime: 1670574414123,
    data: {
      RoomId: "rid-123",
      SeatList: [
        { Index: 1, Member_Account: "144115233775727695", IsTakenDisabled: false },
        { Index: 2, IsTakenDisabled: true },
      ],
    },
    another: (b) => (b.EventTime += 1),
    required: [
      ["RoomId", "RoomId: required string is missing"],
      ["SeatList", "SeatList: required array is missing"],
      ["SeatList.0.Index", "SeatList[0].Index: required"],
      ["EventTime", "EventTime: required"],
    ],
  },
  {
    command: "Live.CallbackAfterCreateBattle",
    fixture: "create-battle",
    id: "Live.CallbackAfterCreateBattle:4siHsNsWN/T3aub9zKraqPbSEGRX2z6gs3LDFi+d/3M=",
    eventTime: 1739954005000,
    data: {
      BattleId: "4siHsNsWN/T3aub9zKraqPbSEGRX2z6gs3LDFi+d/3M=",
      FromRoomId: "pk-3",
      ToRoomIdList: ["pk-5"],
      Timeout: 30000,
      Duration: 60000,
      NeedResponse: false,
    },
    another: (b) => (b.BattleId = "another/battle+id="),
    required: [
      ["BattleId", "BattleId: required string is missing"],
      ["FromRoomId", "FromRoomId: required string is missing"],
      ["ToRoomIdList", "ToRoomIdList: required array is missing"],
    ],
  },
  {
    command: "Group.CallbackAfterSendMsg",
    fixture: "group-message-sent",
    id: "Group.CallbackAfterSendMsg:@TGS#2J4SZEAEL:123",
    eventTime: 1670574414123,
    subEvent: "Live",
    data: {
      GroupId: "@TGS#2J4SZEAEL",
      Type: "Live",
      From_Account: "jared",
      MsgSeq: 123,
      MsgTime: 1490686222,
      sentAt: 1490686222000,
      EventTime: 1670574414123,
      MsgBody: [{ MsgType: "TIMTextElem", MsgContent: { Text: "red packet" } }],
    },
    another: (b) => (b.MsgSeq = 124),
    required: [
      ["GroupId", "GroupId: required string is missing"],
      ["From_Account", "From_Account: required"],
      ["MsgSeq", "MsgSeq: required number is missing"],
      ["MsgBody", "MsgBody: required array is missing"],
    ],
  },
  {
    command: "Follow.CallbackAfterFollowAdd",
    fixture: "follow-add",
    id: "Follow.CallbackAfterFollowAdd:UserID_001:1702018343678:UserID_002:UserID_003",
    eventTime: 1702018343678,
    data: {
      From_Account: "UserID_001",
      FollowList: [{ To_Account: "UserID_002" }, { To_Account: "UserID_003" }],
      toAccounts: ["UserID_002", "UserID_003"],
    },
    another: (b) => b.FollowList.pop(),
    required: [
      ["From_Account", "From_Account: required"],
      ["FollowList", "FollowList: required array is missing"],
      ["FollowList.0.To_Account", "FollowList[0].To_Account: required"],
      ["EventTime", "EventTime: required"],
    ],
  },
  {
    command: "Follow.CallbackAfterFollowDelete",
    fixture: "follow-delete",
    id: "Follow.CallbackAfterFollowDelete:UserID_001:1702018343678:UserID_002:UserID_003",
    eventTime: 1702018343678,
    data: { From_Account: "UserID_001", To_Account: ["UserID_002", "UserID_003"], toAccounts: ["UserID_002", "UserID_003"] },
    another: (b) => (b.EventTime += 1),
    required: [
      ["From_Account", "From_Account: required"],
      ["To_Account", "To_Account: required array is missing"],
      ["EventTime", "EventTime: required"],
    ],
  },
  {
    command: "Live.CallbackAfterCloudRecordingChanged",
    fixture: "cloud-recording-changed",
    id: "Live.CallbackAfterCloudRecordingChanged:635055:-m9-bVVU7id***K-m928oZWQndiborbEWH3zY-lIXlprc-gQvQE:305:1752580150081",
    eventTime: 1752580150081,
    subEvent: "UPLOAD_STOP",
    data: {
      EventGroupId: 3,
      EventType: 305,
      recordingEvent: "UPLOAD_STOP",
      CallbackTs: 1752580150082,
      EventInfo: { RoomId: "635055", UserId: "user1", EventTs: 1752580150, Payload: { Status: 0 } },
    },
    another: (b) => (b.EventType = 306),
    required: [
      ["EventType", "EventType: required number is missing"],
      ["EventInfo", "EventInfo: required object is missing"],
      ["EventInfo.RoomId", "EventInfo.RoomId: required"],
    ],
  },
];

const send = (command: string, body: string) => tencentCall({ command, body, token: TENCENT_TOKEN });

function deleteAt(doc: any, path: string): void {
  const keys = path.split(".");
  const last = keys.pop()!;
  delete keys.reduce((node, key) => node[key], doc)[last];
}

for (const c of CASES) {
  describe(c.command, () => {
    it(`tencent-live types the documented sample (${c.fixture})`, async () => {
      const h = harness("tencent-live");
      const answer = await h.send(send(c.command, fixtureText("tencent", c.fixture)));
      expect(answer.status).toBe(200);
      expect(bodyOf(answer)).toEqual({ ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 });
      expect(h.delivered).toHaveLength(1);
      const { id, command, eventTime, data } = c;
      expect(h.delivered[0]).toMatchObject({ id, platform: "tencent-live", callback: command, known: true, eventTime, data });
      expect(h.delivered[0]!.subEvent).toBe(c.subEvent);
    });

    it("delivers a retry once, and another event of the same callback under another id", async () => {
      const h = harness("tencent-live");
      const sample = fixtureText("tencent", c.fixture);
      for (const body of [sample, sample, editFixture("tencent", c.fixture, c.another)]) {
        expect((await h.send(send(c.command, body))).status).toBe(200);
      }
      expect(h.delivered).toHaveLength(2);
      expect(h.delivered[1]!.id).not.toBe(c.id);
    });

    it("keeps fields the platform adds later", async () => {
      const h = harness("tencent-live");
      const body = editFixture("tencent", c.fixture, (b) => (b.AddedLater = { Nested: [1, "two"] }));
      expect((await h.send(send(c.command, body))).status).toBe(200);
      expect(h.delivered[0]!.data).toMatchObject({ AddedLater: { Nested: [1, "two"] } });
    });

    for (const [path, message] of c.required) {
      it(`quarantines a body without ${path}: the answer names the field`, async () => {
        const h = harness("tencent-live");
        const answer = await h.send(
          send(
            c.command,
            editFixture("tencent", c.fixture, (b) => deleteAt(b, path)),
          ),
        );
        // Authentic but never passable: quarantined, HTTP 200 so that Tencent does not count it a failed callback.
        expect(answer.status).toBe(200);
        expect(bodyOf(answer)).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 400, ErrorInfo: expect.stringContaining(message) });
        expect(h.delivered).toHaveLength(0);
      });
    }
  });
}
