import type { SampleContext } from "../../core/callback";
import { firstOf, type PlatformTooling, spoil, verdict } from "../tooling-kit";
import { samples } from "./callbacks/samples";
import { tencentLive } from "./index";
import { tencentSign } from "./sign";

/** Tencent Live as the tooling sees it: POST JSON, the command in query and body, Sign over token + RequestTime. */
export const tencentTooling: PlatformTooling = {
  platform: tencentLive,
  catalog: samples,
  fixtures: "tencent",
  oneUrlFunction: "tencent-live",
  secretSetting: "TENCENT_CALLBACK_TOKEN",
  unknown: {
    name: "Live.CallbackAfterFutureCommand",
    sample: (ctx: SampleContext) => ({ RoomId: ctx.fresh("live_room_"), Owner_Account: "host_1001", RoomType: "Live", EventTime: ctx.now }),
  },
  request: (command, payload, ctx) => ({
    query: { SdkAppid: ctx.settings.TENCENT_SDK_APP_ID ?? "", CallbackCommand: command, contenttype: "json", ClientIP: "203.0.113.10", OptPlatform: "RESTAPI" },
    headers: { "Content-Type": "application/json; charset=utf-8", "User-Agent": "Tencent-Live-Callback" },
    body: { CallbackCommand: command, ...payload },
  }),
  sign(callback, body, { settings, now, badSignature }) {
    const token = firstOf(settings.TENCENT_CALLBACK_TOKEN);
    const { query, headers } = callback;
    if (!token) return { method: "POST", query, headers, body, unsignedBecause: "TENCENT_CALLBACK_TOKEN is not set" };
    const requestTime = query.RequestTime ?? String(Math.floor(now / 1000));
    return { method: "POST", query: { ...query, RequestTime: requestTime, Sign: tencentSign(spoil(token, badSignature), requestTime) }, headers, body };
  },
  readAnswer(status, _body, json) {
    if (!json || !("ActionStatus" in json)) return undefined;
    // A Before callback's decision is answered OK with its ErrorCode (1 deny, 2 drop, a client-visible code): accepted, and said.
    const accepted = status === 200 && json.ActionStatus === "OK";
    const decided = accepted && json.ErrorCode !== 0 ? `answered ErrorCode ${String(json.ErrorCode)}${json.ErrorInfo ? `: ${String(json.ErrorInfo)}` : ""}` : "";
    return verdict(accepted, "tencent-live", accepted ? decided : String(json.ErrorInfo ?? `ErrorCode ${String(json.ErrorCode)}`));
  },
  callbackOf(query, text) {
    for (const key in query) if (key.toLowerCase() === "callbackcommand" && query[key]) return query[key];
    return /"CallbackCommand"\s*:\s*"([^"]{1,100})"/.exec(text)?.[1];
  },
};
