import { describe, expect, it } from "vitest";
import { captureLogs, FC_CONTEXT, loadBundle, RUNTIMES, useEnv } from "../helpers/bundle";
import { fixtureText } from "../helpers/fixtures";
import { TENCENT_APP_ID, TENCENT_TOKEN, tencentCall } from "../helpers/requests";

useEnv({ TENCENT_SDK_APP_ID: TENCENT_APP_ID, TENCENT_CALLBACK_TOKEN: TENCENT_TOKEN, REDIS_URL: undefined, FORWARD_URL: undefined });
const logs = captureLogs();
const handler = loadBundle("tencent-live");
const OK = { ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 };
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

    it(`${runtime}: acknowledges a command it has no schema for`, async () => {
      const result = await send(handler, signed("Live.CallbackAfterMemberStateChanged", JSON.stringify({ RoomId: runtime, EventTime: 1 })));
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

  it("answers a direct FC invocation with a 405 ack (Tencent calls over HTTP only)", async () => {
    const result = await handler(Buffer.from(fixtureText("tencent", "battle-start")), FC_CONTEXT);
    expect(JSON.parse((result as Buffer).toString("utf8"))).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 405 });
  });
});
