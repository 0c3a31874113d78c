import type { CallbackEvent, PlatformName } from "../../core/event";
import type { InboundRequest } from "../../core/inbound";
import type { Reason } from "../../core/outcome";
import { isCredentialHeader } from "./credentials";

/**
 * An authentic callback that did not reach every target ("undelivered"), or that failed validation
 * ("quarantined"). It holds enough to re-verify and replay the request exactly as received.
 */
export interface DeadLetter {
  readonly kind: "undelivered" | "quarantined";
  /** Why it was first kept: a replay that fails adds to `history` and leaves this as it was. */
  readonly reason: Reason;
  /** The precise cause, including a target's own error (which the platform's answer leaves out). */
  readonly message: string;
  /** When it was first written, ISO 8601. */
  readonly at: string;
  /** Deliveries tried so far: 1 when first written, one more per replay that failed. */
  readonly attempts: number;
  /** Each replay that failed, oldest first. */
  readonly history?: readonly LetterAttempt[];
  readonly platform: PlatformName;
  /** The runtime's name for the function (FC_FUNCTION_NAME / AWS_LAMBDA_FUNCTION_NAME), when known. */
  readonly function?: string;
  readonly callback?: string;
  /** The normalized event, when validation got that far. */
  readonly event?: CallbackEvent;
  readonly request: StoredRequest;
  /** `v1,<base64 HMAC-SHA256>` over the rest of the letter under DEAD_LETTER_KEY (seal.ts); absent without a key. */
  readonly mac?: string;
}

export interface LetterAttempt {
  readonly at: string;
  readonly reason: Reason;
  readonly message: string;
  /** The fingerprint of the schemas that refused it (a quarantine), so the redrive waits until they change. */
  readonly schemas?: string;
}

export interface StoredRequest {
  readonly transport: InboundRequest["transport"];
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Only the content type and the headers the platform's signature needs. */
  readonly headers: Readonly<Record<string, string>>;
  /** Credential headers the signature covers that were left out: the letter cannot verify again without them. */
  readonly omittedHeaders?: readonly string[];
  /** The exact bytes received, base64. */
  readonly body: string;
  readonly receivedAt: number;
  readonly requestId?: string;
}

/**
 * The request as received, with only the headers needed to verify it again (the platform names
 * them) and its content type, so a gateway's credentials or cookies never land in a dead letter.
 * A credential stays out even when the request's own sign list names it (a TOP `top-sign-list` is
 * the caller's to write); the letter names what it left out.
 */
export function storeRequest(req: InboundRequest, signedHeaders: readonly string[]): StoredRequest {
  const headers: Record<string, string> = {};
  const omitted = new Set<string>();
  for (const name of ["content-type", ...signedHeaders]) {
    if (isCredentialHeader(name)) omitted.add(name);
    else if (Object.hasOwn(req.headers, name)) headers[name] = req.headers[name]!;
  }
  return {
    transport: req.transport,
    method: req.method,
    path: req.path,
    query: req.query,
    headers,
    ...(omitted.size ? { omittedHeaders: [...omitted] } : {}),
    body: req.body.toString("base64"),
    receivedAt: req.receivedAt,
    requestId: req.requestId,
  };
}

export function restoreRequest(stored: StoredRequest): InboundRequest {
  const { omittedHeaders: _, ...request } = stored;
  return { ...request, body: Buffer.from(stored.body, "base64") };
}
