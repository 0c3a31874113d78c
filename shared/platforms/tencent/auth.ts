import { type InboundRequest, queryParam } from "../../core/inbound";
import { type Logger, silentLogger } from "../../core/log";
import { type Refusal, refuse } from "../../core/outcome";
import type { TencentConfig } from "./config";
import { verifyTencentSign } from "./sign";

/** The docs call a RequestTime more than one minute away from now a replay. */
export const REQUEST_TIME_TOLERANCE_S = 60;

export function authenticateTencent(req: InboundRequest, config: TencentConfig, now: number, log: Logger = silentLogger): Refusal | undefined {
  const appId = queryParam(req, "SdkAppid", true);
  if (!appId) return refuse("not_ours", "SdkAppid is missing from the query string");
  if (appId !== config.sdkAppId) return refuse("not_ours", "SdkAppid does not match TENCENT_SDK_APP_ID: the callback is for another app");
  const sign = queryParam(req, "Sign", true);
  if (config.tokens.length === 0) {
    if (sign) {
      log("warn", "signature not checked", {
        platform: "tencent-live",
        detail: "a Sign arrived, but TENCENT_CALLBACK_TOKEN is not set: set it to the console's callback key to check it",
        requestId: req.requestId,
      });
    }
    return undefined;
  }

  const requestTime = queryParam(req, "RequestTime", true);
  if (!sign || !requestTime) {
    return refuse("signature_missing", "Sign and RequestTime are required because a callback token is configured (TENCENT_CALLBACK_TOKEN)");
  }
  if (!/^\d{1,12}$/.test(requestTime)) return refuse("signature_invalid", "RequestTime is not a Unix time in seconds");
  const skew = Math.abs(now / 1000 - Number(requestTime));
  if (skew > REQUEST_TIME_TOLERANCE_S) {
    return refuse("timestamp_expired", `RequestTime is ${Math.round(skew)} s away from now (limit ${REQUEST_TIME_TOLERANCE_S} s): a replay, or a clock out of sync`);
  }
  if (!verifyTencentSign(config.tokens, requestTime, sign)) {
    return refuse("signature_invalid", "Sign does not match SHA-256(token + RequestTime) for any configured token; check TENCENT_CALLBACK_TOKEN against the console");
  }
  return undefined;
}

/** What the configuration leaves unchecked, said once per cold start. */
export function tencentWarnings(config: TencentConfig): string[] {
  if (config.tokens.length > 0) return [];
  // The Sign covers only token + RequestTime, never the body; without a token there is not even that.
  return ["TENCENT_CALLBACK_TOKEN is not set: Sign is not checked, so anyone who knows the callback URL and the SdkAppid can post callbacks"];
}
