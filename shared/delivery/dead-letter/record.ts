import type { CallbackEvent, PlatformName } from "../../core/event";
import type { InboundRequest } from "../../core/inbound";
import type { Reason } from "../../core/outcome";

/**
 * An authentic callback that did not reach every target ("undelivered"), or that failed validation
 * ("quarantined"). It holds enough to re-verify and replay the request exactly as received.
 */
export interface DeadLetter {
  readonly kind: "undelivered" | "quarantined";
  readonly reason: Reason;
  /** The precise cause, including a target's own error (which the platform's answer leaves out). */
  readonly message: string;
  /** When it was written, ISO 8601. */
  readonly at: string;
  /** Deliveries tried so far: 1 when first written, one more per replay that failed. */
  readonly attempts: number;
  readonly platform: PlatformName;
  /** The runtime's name for the function (FC_FUNCTION_NAME / AWS_LAMBDA_FUNCTION_NAME), when known. */
  readonly function?: string;
  readonly callback?: string;
  /** The normalized event, when validation got that far. */
  readonly event?: CallbackEvent;
  readonly request: StoredRequest;
}

export interface StoredRequest {
  readonly transport: InboundRequest["transport"];
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Only the content type and the headers the platform's signature needs. */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact bytes received, base64. */
  readonly body: string;
  readonly receivedAt: number;
  readonly requestId?: string;
}

/**
 * The request as received, with only the headers needed to verify it again (the platform names
 * them) and its content type, so a gateway's credentials or cookies never land in a dead letter.
 */
export function storeRequest(req: InboundRequest, signedHeaders: readonly string[]): StoredRequest {
  const headers: Record<string, string> = {};
  for (const name of ["content-type", ...signedHeaders]) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  return {
    transport: req.transport,
    method: req.method,
    path: req.path,
    query: req.query,
    headers,
    body: req.body.toString("base64"),
    receivedAt: req.receivedAt,
    requestId: req.requestId,
  };
}

export function restoreRequest(stored: StoredRequest): InboundRequest {
  return { ...stored, body: Buffer.from(stored.body, "base64") };
}
