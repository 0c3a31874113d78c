import type { InboundRequest } from "../../core/inbound";
import { type Refusal, refuse } from "../../core/outcome";
import type { YuanjingConfig } from "./config";
import { topParams } from "./params";
import { parseTopTimestamp, verifyTopSign } from "./sign";

/**
 * A direct invocation is trusted through FC's own authentication. Over HTTP, when an app secret is
 * configured, the TOP `sign` must verify and `timestamp` must be recent, both read from the request's one parameter map.
 */
export function authenticateYuanjing(req: InboundRequest, config: YuanjingConfig, now: number): Refusal | undefined {
  if (req.transport === "invoke" || config.appSecrets.length === 0) return undefined;
  const read = topParams(req);
  if (!read.ok) return refuse(read.reason, read.message);
  const params = read.value.values;
  const sign = params.get("sign");
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
