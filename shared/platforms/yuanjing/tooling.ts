import { firstOf, type PlatformTooling, QUARANTINED, spoil, verdict } from "../tooling-kit";
import { samples } from "./callbacks/samples";
import { yuanjing } from "./index";
import { topParams } from "./params";
import { formatTopTimestamp, topSignOf } from "./sign";

/** 元镜 as the tooling sees it: the SPI request over HTTP, signed the TOP way (MD5 `sign`); answers in JSON or XML. */
export const yuanjingTooling: PlatformTooling = {
  platform: yuanjing,
  catalog: samples,
  fixtures: "yuanjing",
  oneUrlFunction: "yuanjing-session-lifecycle",
  secretSetting: "YUANJING_APP_SECRET",
  request: (_api, requestParam, ctx) => ({
    query: { app_key: "12345678", target_app_key: "87654321", sign_method: "md5", format: "json" },
    headers: { "Content-Type": "application/json;charset=utf-8" },
    body: { fc_group: ctx.settings.YUANJING_FC_GROUP || "fc-dg-common", fc_name: ctx.settings.YUANJING_FC_NAME || "cg", request_param: requestParam },
  }),
  sign(callback, body, { settings, now, badSignature }) {
    const { headers } = callback;
    const query = { ...callback.query, timestamp: callback.query.timestamp ?? formatTopTimestamp(now) };
    const secret = firstOf(settings.YUANJING_APP_SECRET);
    if (!secret) return { method: "POST", query, headers, body, unsignedBecause: "YUANJING_APP_SECRET is not set" };
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const request = { transport: "http", method: "POST", path: "/", query, headers: lower, body: Buffer.from(body, "utf8"), receivedAt: now } as const;
    const params = topParams(request);
    // A parameter set in two places (--set) has no one value to sign: sent as is, the function names the clash.
    if (!params.ok) return { method: "POST", query, headers, body, unsignedBecause: params.message };
    return { method: "POST", query: { ...query, sign: topSignOf(spoil(secret, badSignature), params.value, request.body) }, headers, body };
  },
  readAnswer(status, body, json) {
    if (json) {
      const result = json.result as Record<string, unknown> | undefined;
      if (result && typeof result === "object" && "code" in result) {
        const accepted = status === 200 && result.code === "0" && !QUARANTINED.test(String(result.message));
        return verdict(accepted, "yuanjing", accepted ? "" : String(result.message ?? `code ${String(result.code)}`));
      }
      const error = json.error_response as Record<string, unknown> | undefined;
      if (error && typeof error === "object") return verdict(false, "yuanjing", `${String(error.sub_code)}: ${String(error.sub_msg)}`);
      return undefined;
    }
    if (body.includes("<error_response>")) return verdict(false, "yuanjing", `${tag(body, "sub_code")}: ${tag(body, "sub_msg")}`);
    if (body.includes("_response>") && tag(body, "code") === "0") {
      const message = tag(body, "message");
      return QUARANTINED.test(message) ? verdict(false, "yuanjing", message) : verdict(status === 200, "yuanjing", "");
    }
    return undefined;
  },
  callbackOf: (_query, text) => (/request_param/.test(text) || /"game_session_id"/.test(text) ? "sessionlifecyclenotify" : undefined),
};

function tag(xml: string, name: string): string {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? "";
}
