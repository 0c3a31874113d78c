import { header, type InboundRequest } from "../../core/inbound";
import { type Refusal, refuse } from "../../core/outcome";
import type { SudConfig } from "./config";
import { verifySudSignature } from "./sign";

export function authenticateSud(req: InboundRequest, config: SudConfig, now: number): Refusal | undefined {
  const appId = header(req, "sud-appid");
  if (!appId) return refuse("not_ours", "the Sud-AppId header is missing");
  if (appId !== config.appId) return refuse("not_ours", "Sud-AppId does not match SUD_APP_ID: the notification is for another app");

  const timestamp = header(req, "sud-timestamp");
  const nonce = header(req, "sud-nonce");
  const signature = header(req, "sud-signature");
  const missing = [!timestamp && "Sud-Timestamp", !nonce && "Sud-Nonce", !signature && "Sud-Signature"].filter(Boolean);
  if (!timestamp || !nonce || !signature) return refuse("signature_missing", `missing header ${missing.join(", ")}`);

  if (config.maxSignatureAgeS > 0) {
    const age = ageSeconds(timestamp, now);
    if (age === undefined) return refuse("signature_invalid", "Sud-Timestamp is not a Unix time");
    if (Math.abs(age) > config.maxSignatureAgeS) {
      return refuse("timestamp_expired", `Sud-Timestamp is ${Math.round(age)} s old (limit SUD_MAX_SIGNATURE_AGE_S = ${config.maxSignatureAgeS} s)`);
    }
  }
  if (!verifySudSignature(config.secrets, appId, timestamp, nonce, req.body, signature)) {
    return refuse(
      "signature_invalid",
      "Sud-Signature does not match HMAC-SHA1 of the exact body for any secret in SUD_APP_SECRET; was the body re-serialised on the way?",
    );
  }
  return undefined;
}

/** SUD does not document the unit: 13 digits read as ms, fewer as seconds. */
function ageSeconds(timestamp: string, now: number): number | undefined {
  if (!/^\d{9,13}$/.test(timestamp)) return undefined;
  const value = Number(timestamp);
  const seconds = timestamp.length >= 13 ? value / 1000 : value;
  return now / 1000 - seconds;
}
