import { describe, expect, it } from "vitest";
import { captureLogs, loadBundle, RUNTIMES, useEnv } from "../helpers/bundle";
import { editFixture } from "../helpers/fixtures";
import { TENCENT_APP_ID, TENCENT_TOKEN, tencentCall } from "../helpers/requests";

// The built bundle without handlers: its answer.js (loaded by the first check) answers the checks with the defaults.
useEnv({ TENCENT_SDK_APP_ID: TENCENT_APP_ID, TENCENT_CALLBACK_TOKEN: TENCENT_TOKEN, TENCENT_MESSAGE_CHECK_DEFAULT: "deny", REDIS_URL: undefined, FORWARD_URL: undefined });
const logs = captureLogs();
const handler = loadBundle("tencent-live");
const signed = (command: string, body: string) => tencentCall({ command, body, token: TENCENT_TOKEN, now: Date.now() });

describe("dist/tencent-live answers Tencent's checks", () => {
  for (const [runtime, send] of RUNTIMES) {
    it(`${runtime}: blocks a gift (Tencent's timeout default) and a message (TENCENT_MESSAGE_CHECK_DEFAULT=deny) without a handler`, async () => {
      const gift = await send(
        handler,
        signed(
          "Live.CallbackBeforeSendGift",
          editFixture("tencent", "gift-check", (b) => (b.RoomId = runtime)),
        ),
      );
      expect(gift.statusCode).toBe(200);
      expect(JSON.parse(gift.body)).toMatchObject({ ActionStatus: "OK", ErrorCode: 1, ErrorInfo: "TENCENT_GIFT_CHECK_DEFAULT=deny (missing)" });
      const message = await send(
        handler,
        signed(
          "Group.CallbackBeforeSendMsg",
          editFixture("tencent", "message-check", (b) => (b.MsgId = runtime)),
        ),
      );
      expect(JSON.parse(message.body)).toMatchObject({ ActionStatus: "OK", ErrorCode: 1, ErrorInfo: "TENCENT_MESSAGE_CHECK_DEFAULT=deny (missing)" });
    });
  }

  it("warns once per cold start of each check without a handler, naming the default in force", () => {
    const warnings = logs.lines().filter((l) => l.msg === "no handler for an answering callback");
    expect(warnings.map((l) => [l.callback, l.default]).sort()).toEqual([
      ["Group.CallbackBeforeSendMsg", "deny"],
      ["Live.CallbackBeforeSendGift", "deny"],
    ]);
  });
});
