import { sha256Hex } from "../../core/crypto";
import { header, type InboundRequest } from "../../core/inbound";
import { type Refusal, refuse } from "../../core/outcome";
import type { ReplayMark } from "../../core/platform";
import type { SudConfig } from "./config";
import { verifySudSignature } from "./sign";

/** How far Sud-Timestamp may run ahead of this clock (SUD's and the function's clocks differ a little). */
export const CLOCK_SKEW_S = 300;

export function authenticateSud(req: InboundRequest, config: SudConfig, now: number): Refusal | undefined {
  const appId = header(req, "sud-appid");
  if (!appId) return refuse("not_ours", "the Sud-AppId header is missing");
  if (appId !== config.appId) return refuse("not_ours", "Sud-AppId does not match SUD_APP_ID: the notification is for another app");

  const timestamp = header(req, "sud-timestamp");
  const nonce = header(req, "sud-nonce");
  const signature = header(req, "sud-signature");
  if (!timestamp || !nonce || !signature) {
    const missing = [!timestamp && "Sud-Timestamp", !nonce && "Sud-Nonce", !signature && "Sud-Signature"].filter(Boolean);
    return refuse("signature_missing", `missing header ${missing.join(", ")}`);
  }

  if (config.maxSignatureAgeS > 0) {
    const at = timestampMs(timestamp);
    if (at === undefined) return refuse("signature_invalid", "Sud-Timestamp is not a Unix time");
    const age = (now - at) / 1000;
    if (age < -CLOCK_SKEW_S) {
      return refuse("timestamp_expired", `Sud-Timestamp is ${Math.round(-age)} s in the future (clock skew allowed: ${CLOCK_SKEW_S} s)`);
    }
    if (age > config.maxSignatureAgeS) {
      return refuse("timestamp_expired", `Sud-Timestamp is ${Math.round(age)} s old (limit SUD_MAX_SIGNATURE_AGE_S = ${config.maxSignatureAgeS} s)`);
    }
  }
  if (!verifySudSignature(config.secrets, appId, timestamp, nonce, req.body, signature)) {
    return refuse("signature_invalid", "Sud-Signature does not match HMAC-SHA1 of the exact body for any secret in SUD_APP_SECRET; was the body re-serialised on the way?");
  }
  return undefined;
}

/**
 * The signature's nonce and time with its body's digest, remembered while the window could let it
 * pass again (plus the skew allowance, as instances' clocks differ too). Called once authenticated.
 */
export function sudReplayMark(req: InboundRequest, config: SudConfig, now: number): ReplayMark | undefined {
  const timestamp = header(req, "sud-timestamp");
  const at = timestamp === undefined ? undefined : timestampMs(timestamp);
  if (config.maxSignatureAgeS === 0 || at === undefined) return undefined;
  return {
    // Digits, digits, then the nonce: no two (app, timestamp, nonce) share a key.
    key: `sud:${config.appId}:${timestamp}:${header(req, "sud-nonce")}`,
    digest: sha256Hex(req.body),
    ttlMs: Math.max(1000, at + (config.maxSignatureAgeS + CLOCK_SKEW_S) * 1000 - now),
    reused: "Sud-Nonce and Sud-Timestamp were already used with a different body within SUD_MAX_SIGNATURE_AGE_S: a replayed signature",
  };
}

/** What the configuration leaves unchecked, said once per cold start. */
export function sudWarnings(config: SudConfig): string[] {
  if (config.maxSignatureAgeS > 0) return [];
  return ["SUD_MAX_SIGNATURE_AGE_S is 0: no Sud-Timestamp window and no nonce memory, so a captured notification can be replayed at any time"];
}

/** SUD does not document the unit: 13 digits read as ms, fewer as seconds. */
function timestampMs(timestamp: string): number | undefined {
  if (!/^\d{9,13}$/.test(timestamp)) return undefined;
  const value = Number(timestamp);
  return timestamp.length >= 13 ? value : value * 1000;
}
