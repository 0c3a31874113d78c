import type { OutgoingHttpHeaders } from "node:http";
import { type Target, TargetError } from "../deliver";
import { toJson, wireKey } from "../wire";
import { type Answer, poster } from "./post";
import { webhookSignature } from "./sign";

export interface ForwardOptions {
  /** Without credentials: they come as `authorization`. */
  readonly url: URL;
  readonly secrets: readonly Buffer[];
  /** `Basic …`, from the user:password FORWARD_URL was given with. */
  readonly authorization?: string;
}

/**
 * POSTs each event to the app's backend, signed per Standard Webhooks. Only a 2xx answer counts as
 * delivered; a redirect is never followed, so the event goes to FORWARD_URL or nowhere. Errors name
 * the setting, never the URL: they reach the platform's answer (a Location goes only to the detail).
 */
export function forwardTarget(options: ForwardOptions): Target {
  const post = poster(options.url);
  return {
    name: "forward",
    async send(event, signal) {
      const body = toJson(event);
      // The header-safe key, signed exactly as sent; the body keeps the real id.
      const id = wireKey(event);
      // Real time, not the pipeline's clock: the receiver checks it against its own (±5 min).
      const timestamp = Math.floor(Date.now() / 1000);
      const headers: OutgoingHttpHeaders = {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": webhookSignature(options.secrets, id, timestamp, body),
      };
      if (options.authorization) headers.authorization = options.authorization;
      headers["content-length"] = Buffer.byteLength(body);
      const answer = await post(headers, body, signal);
      if (answer.status >= 300 && answer.status < 400) throw redirected(answer, options.url);
      if (answer.status < 200 || answer.status >= 300) throw new Error(`FORWARD_URL answered HTTP ${answer.status}`);
    },
  };
}

/** The status for the platform's answer; where it pointed (the backend's own URL, credentials left out) for the dead letter. */
function redirected(answer: Answer, base: URL): TargetError {
  const message = `FORWARD_URL answered HTTP ${answer.status} (redirects are not followed)`;
  if (answer.location === undefined) return new TargetError(message, `${message}, no Location`);
  try {
    const where = new URL(answer.location, base);
    where.username = "";
    where.password = "";
    return new TargetError(message, `${message}, Location ${where.href.slice(0, 500)}`);
  } catch {
    // Unparsed, it could hold anything, credentials included: not repeated.
    return new TargetError(message, `${message}, a Location that is not a URL`);
  }
}
