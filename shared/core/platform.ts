import type { AnyCallback } from "./callback";
import type { Env } from "./config";
import type { PlatformName } from "./event";
import type { InboundRequest } from "./inbound";
import type { Checked, Outcome, Refusal } from "./outcome";

/** What goes back to the runtime adapter: the platform's ack with its HTTP status. */
export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The decoded request: the callback name, what its schema validates, and the envelope around it. */
export interface Opened<Envelope> {
  readonly callback: string;
  readonly payload: unknown;
  readonly envelope: Envelope;
}

/**
 * One platform's dialect. Knows nothing of runtimes: it authenticates, decodes, and acks.
 * Every platform has this same shape, so the pipeline reads the same for all three.
 */
export interface Platform<Config, Envelope> {
  readonly name: PlatformName;
  readonly transports: ReadonlyArray<InboundRequest["transport"]>;
  readonly methods: readonly string[];
  readonly maxBodyBytes: number;
  /** How long the platform waits for an answer, ms; delivery must finish well inside it. */
  readonly answerWithinMs: number;
  loadConfig(env: Env): Config;
  /** Proves the request comes from the platform and is for this app. Runs before the body is parsed. */
  authenticate(req: InboundRequest, config: Config, now: number): Refusal | undefined;
  /** Lower-cased names of the headers `authenticate` reads, kept in a dead letter so replay can verify again. */
  signedHeaders(req: InboundRequest): readonly string[];
  open(req: InboundRequest, config: Config): Checked<Opened<Envelope>>;
  /** The platform's own id of a notification, known from its envelope before the payload is validated (SUD `notify_id`). */
  envelopeId?(envelope: Envelope): string | undefined;
  /** The definition used for a callback the function has no schema for (passed on as generic). */
  genericCallback(name: string): AnyCallback<Envelope>;
  ack(outcome: Outcome, req: InboundRequest, config: Config | undefined): Answer;
}

export const JSON_TYPE = { "content-type": "application/json; charset=utf-8" } as const;
