import type { InboundRequest } from "../../core/inbound";
import { type Logger, silentLogger } from "../../core/log";
import { type Refusal, refuse } from "../../core/outcome";
import type { YuanjingConfig } from "./config";
import { topParams } from "./params";
import { parseTopTimestamp, verifyTopSign } from "./sign";

const UNSIGNED_REFUSED =
  "YUANJING_APP_SECRET is not set, so an HTTP call cannot be verified: set it to the TOP AppSecret, " +
  "or set YUANJING_ALLOW_UNSIGNED_HTTP=true to accept unsigned HTTP calls (direct invocations need neither)";

/**
 * A direct invocation is trusted through FC's own authentication. Over HTTP the TOP `sign` must
 * verify and `timestamp` be recent, both read from the request's one parameter map; without an app
 * secret, HTTP calls are refused unless YUANJING_ALLOW_UNSIGNED_HTTP accepts them unchecked.
 */
export function authenticateYuanjing(req: InboundRequest, config: YuanjingConfig, now: number, log: Logger = silentLogger): Refusal | undefined {
  if (req.transport === "invoke") return undefined;
  if (config.appSecrets.length === 0 && !config.allowUnsignedHttp) return refuse("misconfigured", UNSIGNED_REFUSED);
  const read = topParams(req);
  if (!read.ok) return refuse(read.reason, read.message);
  const params = read.value.values;
  const sign = params.get("sign");
  if (config.appSecrets.length === 0) {
    if (sign) {
      log("warn", "signature not checked", {
        platform: "yuanjing",
        detail: "a TOP sign arrived, but YUANJING_APP_SECRET is not set (YUANJING_ALLOW_UNSIGNED_HTTP=true): set the secret to check it",
        requestId: req.requestId,
      });
    }
    return undefined;
  }

  if (!sign) return refuse("signature_missing", "sign is required because YUANJING_APP_SECRET is set");
  const method = params.get("sign_method");
  if (method && method.toLowerCase() !== "md5") return refuse("signature_invalid", `sign_method ${method} is not supported; TOP SPI signs with md5`);

  const timestamp = params.get("timestamp");
  if (!timestamp) return refuse("signature_missing", "timestamp is required for a signed call");
  const at = parseTopTimestamp(timestamp);
  if (at === undefined) return refuse("signature_invalid", "timestamp is not in yyyy-MM-dd HH:mm:ss form");
  const skew = Math.abs(now - at) / 1000;
  if (skew > config.signMaxAgeS) {
    return refuse("timestamp_expired", `timestamp is ${Math.round(skew)} s away from now (limit YUANJING_SIGN_MAX_AGE_S = ${config.signMaxAgeS} s)`);
  }
  if (!verifyTopSign(config.appSecrets, req, sign)) {
    return refuse("signature_invalid", "sign does not match the TOP MD5 signature for YUANJING_APP_SECRET; was the body or a parameter changed on the way?");
  }
  return undefined;
}

/** What the configuration leaves unchecked, said once per cold start. */
export function yuanjingWarnings(config: YuanjingConfig): string[] {
  if (config.appSecrets.length > 0 || !config.allowUnsignedHttp) return [];
  return ["YUANJING_APP_SECRET is not set and YUANJING_ALLOW_UNSIGNED_HTTP=true: HTTP calls are accepted without a TOP sign, so anyone who knows the URL can post them"];
}
