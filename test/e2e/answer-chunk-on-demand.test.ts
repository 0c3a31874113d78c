import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundlePath, captureLogs, loadBundle, useEnv, viaLambda } from "../helpers/bundle";
import { fixtureText } from "../helpers/fixtures";
import { TENCENT_APP_ID, TENCENT_TOKEN, tencentCall } from "../helpers/requests";

// An instance pays for the answering path (answer.js) only when it is asked a question: a cold start
// that receives notifications never loads it, yet says at once which checks have no handler.
useEnv({ TENCENT_SDK_APP_ID: TENCENT_APP_ID, TENCENT_CALLBACK_TOKEN: TENCENT_TOKEN, REDIS_URL: undefined, FORWARD_URL: undefined });
const logs = captureLogs();
const answerChunk = join(dirname(bundlePath("tencent-live")), "answer.js");
const loadedChunk = () => Object.hasOwn(createRequire(import.meta.url).cache, answerChunk);
const signed = (command: string, fixture: string) => tencentCall({ command, body: fixtureText("tencent", fixture), token: TENCENT_TOKEN, now: Date.now() });

describe("dist/tencent-live loads answer.js at its first check", () => {
  it("answers notifications without it, warning of the checks without a handler at the first request", async () => {
    const handler = loadBundle("tencent-live");
    expect(loadedChunk()).toBe(false);
    const first = await viaLambda(handler, signed("Live.CallbackAfterDestroyRoom", "room-destroyed"));
    expect(first.statusCode).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ ErrorCode: 0 });
    expect(loadedChunk()).toBe(false);
    const warned = logs
      .lines()
      .filter((l) => l.msg === "no handler for an answering callback")
      .map((l) => l.callback);
    expect(warned.sort()).toEqual(["Group.CallbackBeforeSendMsg", "Live.CallbackBeforeSendGift"]);
    expect(logs.lines().map((l) => l.msg)).toContain("callback accepted");

    const gift = await viaLambda(handler, signed("Live.CallbackBeforeSendGift", "gift-check"));
    expect(JSON.parse(gift.body)).toMatchObject({ ActionStatus: "OK", ErrorCode: 1, ErrorInfo: "TENCENT_GIFT_CHECK_DEFAULT=deny (missing)" });
    expect(loadedChunk()).toBe(true);
    // Still once per cold start.
    expect(logs.lines().filter((l) => l.msg === "no handler for an answering callback")).toHaveLength(2);
  });
});
