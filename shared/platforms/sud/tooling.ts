import { randomBytes } from "node:crypto";
import type { SampleContext } from "../../core/callback";
import { firstOf, type PlatformTooling, QUARANTINED, spoil, verdict } from "../tooling-kit";
import { appServerSamples } from "./app-server/samples";
import { samples } from "./callbacks/samples";
import { sud } from "./index";
import { sudSignature } from "./sign";

/** SUD as the tooling sees it: the notify envelope around `data`, HMAC-SHA1 over the exact body in four headers. */
export const sudTooling: PlatformTooling = {
  platform: sud,
  catalog: samples,
  fixtures: "sud",
  oneUrlFunction: "sud-notify",
  secretSetting: "SUD_APP_SECRET",
  interfaces: {
    catalog: appServerSamples,
    prefixFunction: "sud-app-server",
    request: (payload) => ({ query: {}, headers: { "Content-Type": "application/json" }, body: payload }),
  },
  unknown: {
    name: "sud.mg.merchant.future.event",
    sample: (ctx: SampleContext) => ({ mg_id: "1472142559912517633", room_id: ctx.fresh("room-"), users: [{ uid: "10001", action: "join" }] }),
  },
  request: (event, data, ctx) => ({
    query: {},
    headers: { "Content-Type": "application/json" },
    body: { notify_id: ctx.fresh(), notify_time: String(ctx.now), app_id: ctx.settings.SUD_APP_ID ?? "", notify_event: event, data },
  }),
  sign(callback, body, { settings, now, badSignature }) {
    const { query, headers } = callback;
    const appId = settings.SUD_APP_ID ?? "";
    const secret = firstOf(settings.SUD_APP_SECRET);
    if (!secret) return { method: "POST", query, headers, body, unsignedBecause: "SUD_APP_SECRET is not set" };
    const timestamp = headers["Sud-Timestamp"] ?? String(Math.floor(now / 1000));
    const nonce = headers["Sud-Nonce"] ?? randomBytes(12).toString("base64url").slice(0, 16);
    const signature = sudSignature(spoil(secret, badSignature), appId, timestamp, nonce, body);
    return { method: "POST", query, headers: { ...headers, "Sud-AppId": appId, "Sud-Timestamp": timestamp, "Sud-Nonce": nonce, "Sud-Signature": signature }, body };
  },
  readAnswer(status, _body, json) {
    if (!json || !("ret_code" in json)) return undefined;
    const accepted = status === 200 && json.ret_code === 0 && !QUARANTINED.test(String(json.ret_msg));
    const read = verdict(accepted, "sud", accepted ? "" : String(json.ret_msg ?? `ret_code ${String(json.ret_code)}`));
    // An app-server interface's answer carries `data` (a notification's ack does not).
    if (!("data" in json)) return read;
    const code = "sdk_error_code" in json ? `, sdk_error_code ${String(json.sdk_error_code)}` : "";
    return { ...read, answer: `ret_code ${String(json.ret_code)} (${String(json.ret_msg)})${code}, data ${JSON.stringify(json.data)}` };
  },
  callbackOf: (_query, text) => /"notify_event"\s*:\s*"([^"]{1,100})"/.exec(text)?.[1],
};
