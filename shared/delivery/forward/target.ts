import type { Target } from "../deliver";
import { toJson, wireKey } from "../wire";
import { webhookSignature } from "./sign";

/**
 * POSTs each event to the app's backend, signed per Standard Webhooks. Only a 2xx answer counts as
 * delivered. Errors name the setting, never the URL: they reach the platform's answer.
 */
export function forwardTarget(url: URL, secrets: readonly Buffer[]): Target {
  return {
    name: "forward",
    async send(event, signal) {
      const body = toJson(event);
      // The header-safe key, signed exactly as sent; the body keeps the real id.
      const id = wireKey(event);
      // Real time, not the pipeline's clock: the receiver checks it against its own (±5 min).
      const timestamp = Math.floor(Date.now() / 1000);
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "webhook-id": id,
            "webhook-timestamp": String(timestamp),
            "webhook-signature": webhookSignature(secrets, id, timestamp, body),
          },
          body,
          signal,
        });
      } catch (error) {
        throw new Error(signal.aborted ? "FORWARD_URL did not answer in time" : `FORWARD_URL could not be reached (${causeOf(error)})`);
      }
      // The body is not needed; cancelling it frees the connection for the next event.
      await response.body?.cancel().catch(() => undefined);
      if (!response.ok) throw new Error(`FORWARD_URL answered HTTP ${response.status}`);
    },
  };
}

/** fetch hides the reason in `cause`; only its code is kept (the message would name the host). */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === "string" ? cause.code : "network error";
}
