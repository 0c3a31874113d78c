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
  /** The precise cause, as the platform's answer told it. */
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
  /** Only the headers a signature covers or depends on (see keptHeaders). */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact bytes received, base64. */
  readonly body: string;
  readonly receivedAt: number;
  readonly requestId?: string;
}

export function storeRequest(req: InboundRequest): StoredRequest {
  return {
    transport: req.transport,
    method: req.method,
    path: req.path,
    query: req.query,
    headers: keptHeaders(req.headers),
    body: req.body.toString("base64"),
    receivedAt: req.receivedAt,
    requestId: req.requestId,
  };
}

export function restoreRequest(stored: StoredRequest): InboundRequest {
  return { ...stored, body: Buffer.from(stored.body, "base64") };
}

/**
 * The headers needed to verify the request again: SUD's `sud-*`, TOP's `top-sign-list` and the
 * headers it names, and the content type (TOP signs form bodies differently). Nothing else is
 * kept, so a gateway's credentials or cookies never land in a dead letter.
 */
function keptHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const signed = new Set((headers["top-sign-list"] ?? "").split(",").map((name) => name.trim().toLowerCase()));
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === "content-type" || name === "top-sign-list" || name.startsWith("sud-") || signed.has(name)) kept[name] = value;
  }
  return kept;
}
