import { createHmac } from "node:crypto";

/**
 * Standard Webhooks signing (standardwebhooks.com): HMAC-SHA256 over `id.timestamp.body` with the
 * secret's decoded bytes, sent as `v1,<base64>`; several secrets (a rotation) give space-separated
 * signatures, any of which the receiver may verify.
 */
export function webhookSignature(secrets: readonly Buffer[], id: string, timestamp: number, body: string): string {
  return secrets.map((secret) => `v1,${createHmac("sha256", secret).update(`${id}.${timestamp}.${body}`).digest("base64")}`).join(" ");
}

/** `whsec_<base64>` → the key bytes; undefined when the text is not in that form. */
export function decodeWebhookSecret(text: string): Buffer | undefined {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(text);
  if (!match?.[1] || match[1].length % 4 !== 0) return undefined;
  return Buffer.from(match[1], "base64");
}
