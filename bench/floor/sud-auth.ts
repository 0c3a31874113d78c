// SUD's authentication for the floor, notify and app-server alike: Sud-AppId, the four headers,
// Sud-Timestamp within SUD_MAX_SIGNATURE_AGE_S (default 24 h, 300 s of clock skew ahead), HMAC-SHA1 over
// `appId\ntimestamp\nnonce\nbody\n`, then the nonce memory: (app, timestamp, nonce) with the body's
// SHA-256, so a signature replayed with another body is refused within the window.
import { createHash, createHmac } from "node:crypto";
import { type FloorRequest, header, NonceMemory, reply, sameDigest } from "./event";

const MAX_AGE_S = Number(process.env.SUD_MAX_SIGNATURE_AGE_S ?? 24 * 3600);
const SKEW_S = 300;
const nonces = new NonceMemory();

export const sudFail = (status: number, msg: string) => reply(status, JSON.stringify({ ret_code: status, ret_msg: msg }));

/** A refusal, or undefined when the call is authentic and not a replay. */
export function authenticate(req: FloorRequest) {
  const appId = header(req, "sud-appid");
  if (appId !== process.env.SUD_APP_ID) return sudFail(403, "not_ours");
  const timestamp = header(req, "sud-timestamp");
  const nonce = header(req, "sud-nonce");
  const signature = header(req, "sud-signature");
  if (!timestamp || !nonce || !signature) return sudFail(401, "signature_missing");
  if (!/^\d{9,13}$/.test(timestamp)) return sudFail(401, "signature_invalid");
  const at = timestamp.length >= 13 ? Number(timestamp) : Number(timestamp) * 1000;
  const age = (req.receivedAt - at) / 1000;
  if (age < -SKEW_S || age > MAX_AGE_S) return sudFail(401, "timestamp_expired");
  const expected = createHmac("sha1", process.env.SUD_APP_SECRET!).update(`${appId}\n${timestamp}\n${nonce}\n${req.body}\n`).digest("hex");
  if (!sameDigest(expected, signature)) return sudFail(401, "signature_invalid");
  const digest = createHash("sha256").update(req.body).digest("hex");
  const ttl = Math.max(1000, at + (MAX_AGE_S + SKEW_S) * 1000 - req.receivedAt);
  if (nonces.remember(`sud:${appId}:${timestamp}:${nonce}`, digest, ttl, req.receivedAt) === "different") return sudFail(401, "signature_invalid: nonce reused");
  return undefined;
}
