import { createHmac } from "node:crypto";
import { safeEqual } from "../../core/crypto";

/** HMAC-SHA1 over `appId\ntimestamp\nnonce\nbody\n` (note the final \n), lowercase hex, over the exact body bytes. */
export function sudSignature(secret: string, appId: string, timestamp: string, nonce: string, body: Buffer | string): string {
  return createHmac("sha1", secret).update(`${appId}\n${timestamp}\n${nonce}\n`).update(body).update("\n").digest("hex");
}

export function verifySudSignature(secrets: readonly string[], appId: string, timestamp: string, nonce: string, body: Buffer, signature: string): boolean {
  const received = signature.toLowerCase();
  let matched = false;
  for (const secret of secrets) matched = safeEqual(sudSignature(secret, appId, timestamp, nonce, body), received) || matched;
  return matched;
}
