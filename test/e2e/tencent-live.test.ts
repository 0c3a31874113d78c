import { describe, expect, it } from "vitest";
import { captureLogs, FC_CONTEXT, loadBundle, RUNTIMES, useEnv } from "../helpers/bundle";
import { editFixture, fixtureText } from "../helpers/fixtures";
import { TENCENT_APP_ID, TENCENT_TOKEN, tencentCall } from "../helpers/requests";

useEnv({ TENCENT_SDK_APP_ID: TENCENT_APP_ID, TENCENT_CALLBACK_TOKEN: TENCENT_TOKEN, REDIS_URL: undefined, FORWARD_URL: undefined });
const logs = captureLogs();
const handler = loadBundle("tencent-live");
const OK = { ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 };
const SEEDS = ["Live.CallbackAfterStartBattle", "Live.CallbackAfterEndBattle", "Live.CallbackAfterDestroyRoom"];
const CATALOG: Array<[command: string, fixture: string]> = [
  ["Live.CallbackAfterCreateRoom", "create-room.doc-sample"],
  ["Live.CallbackAfterUpdateRoomInfo", "update-room-info"],
  ["Live.CallbackAfterSetMetadata", "set-metadata"],
  ["Live.CallbackAfterDelMetadata", "del-metadata"],
  ["Live.CallbackAfterCreateRoomReachingThreshold", "create-room-threshold"],
  ["Live.CallbackAfterMemberStateChanged", "member-state-kicked"],
  ["Live.CallbackAfterChangeOwner", "change-owner"],
  ["Live.CallbackAfterModifyAdmin", "modify-admin"],
  ["Mic.CallbackAfterSeatInfoChanged", "seat-info-changed-bare-ids"],
  ["Live.CallbackAfterCreateBattle", "create-battle"],
  ["Group.CallbackAfterSendMsg", "group-message-sent"],
  ["Follow.CallbackAfterFollowAdd", "follow-add"],
  ["Follow.CallbackAfterFollowDelete", "follow-delete"],
  ["Follow.CallbackAfterCloudRecordingChanged", "cloud-recording-changed-en"],
];
const signed = (command: string, body: string, extra: Partial<Parameters<typeof tencentCall>[0]> = {}) =>
  tencentCall({ command, body, token: TENCENT_TOKEN, now: Date.now(), ...extra });

describe("dist/tencent-live", () => {
  for (const [runtime, send] of RUNTIMES) {
    it(`${runtime}: accepts each of the three seed commands`, async () => {
      for (const [command, fixture] of [
        ["Live.CallbackAfterStartBattle", "battle-start"],
        ["Live.CallbackAfterEndBattle", "battle-end"],
        ["Live.CallbackAfterDestroyRoom", "room-destroyed"],
      ] as const) {
        const result = await send(handler, signed(command, fixtureText("tencent", fixture)));
        expect(result.statusCode, `${runtime} ${command}`).toBe(200);
        expect(JSON.parse(result.body)).toEqual(OK);
      }
    });

    it(`${runtime}: accepts every notification of the catalog, each as its own typed callback`, async () => {
      for (const [command, fixture] of CATALOG) {
        const body = editFixture("tencent", fixture, (b) => (b.Runtime = runtime));
        const result = await send(handler, signed(command, body));
        expect(result.statusCode, `${runtime} ${command}: ${result.body}`).toBe(200);
      }
    });

    it(`${runtime}: acknowledges a command it has no schema for`, async () => {
      const result = await send(handler, signed("Live.CallbackAfterStartConnection", JSON.stringify({ RoomId: runtime, EventTime: 1 })));
      expect(result.statusCode).toBe(200);
      expect(JSON.parse(result.body)).toEqual(OK);
    });

    it(`${runtime}: refuses GET with 405 and another SdkAppid with 403`, async () => {
      const get = await send(handler, signed("Live.CallbackAfterStartBattle", "", { method: "GET" }));
      expect(get.statusCode).toBe(405);
      const other = await send(handler, signed("Live.CallbackAfterStartBattle", fixtureText("tencent", "battle-start"), { appId: "1" }));
      expect(other.statusCode).toBe(403);
      expect(JSON.parse(other.body).ActionStatus).toBe("FAIL");
    });
  }

  it("logs the accepted event with the 18-digit Owner_Account as an exact string", () => {
    const ended = logs.lines().find((l) => l.msg === "callback accepted" && l.event?.callback === "Live.CallbackAfterEndBattle");
    expect(ended?.event.data.FromRoomInfo.Owner_Account).toBe("144115245353757792");
    expect(ended?.event.data.endReason).toBe("time_up");
  });

  it("logs each catalog event once, as known, under its canonical name, bare 18-digit ids as exact strings", () => {
    const accepted = logs.lines().filter((l) => l.msg === "callback accepted" && l.event?.data?.Runtime !== undefined);
    // The second runtime sends the same events (only the added Runtime field differs): duplicates.
    expect(accepted).toHaveLength(CATALOG.length);
    const duplicates = logs.lines().filter((l) => l.msg === "duplicate callback acknowledged" && !SEEDS.includes(l.callback));
    expect(duplicates).toHaveLength(CATALOG.length * (RUNTIMES.length - 1));
    expect(accepted.every((l) => l.event.known)).toBe(true);
    const byCallback = (name: string) => accepted.find((l) => l.event.callback === name)?.event;
    expect(byCallback("Live.CallbackAfterCloudRecordingChanged")).toMatchObject({ subEvent: "RECORDER_START", eventTime: 1752580090000 });
    expect(byCallback("Mic.CallbackAfterSeatInfoChanged")?.data.SeatList[0].Member_Account).toBe("144115233775727695");
    expect(byCallback("Live.CallbackAfterMemberStateChanged")?.data.MemberList[0].Member_Account).toBe("144115233775727695");
    expect(byCallback("Group.CallbackAfterSendMsg")).toMatchObject({ eventTime: 1670574414123, data: { sentAt: 1490686222000 } });
  });

  it("answers a direct FC invocation with a 405 ack (Tencent calls over HTTP only)", async () => {
    const result = await handler(Buffer.from(fixtureText("tencent", "battle-start")), FC_CONTEXT);
    expect(JSON.parse((result as Buffer).toString("utf8"))).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 405 });
  });
});
