import type { AnyCallback } from "./callback";
import type { Env } from "./config";
import type { PlatformName } from "./event";
import type { InboundRequest } from "./inbound";
import type { Logger } from "./log";
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

/** A signature's nonce and time, remembered with the digest of the body it signed for as long as it could pass again. */
export interface ReplayMark {
  readonly key: string;
  readonly digest: string;
  readonly ttlMs: number;
  /** The refusal's message when the key was seen with another body. */
  readonly reused: string;
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
  /** The checks this configuration leaves off, each said once per cold start ("authentication off"). */
  warnings(config: Config): readonly string[];
  /**
   * Proves the request comes from the platform and is for this app. Runs before the body is parsed.
   * `log` says when a signature arrives that the configuration cannot check.
   */
  authenticate(req: InboundRequest, config: Config, now: number, log: Logger): Refusal | undefined;
  /**
   * The mark of an authentic request's signature (its nonce and time) that must not come again with
   * another body, or undefined when the platform signs no nonce or the configuration keeps no window.
   */
  replayMark(req: InboundRequest, config: Config, now: number): ReplayMark | undefined;
  /** Lower-cased names of the headers `authenticate` reads, kept in a dead letter so replay can verify again. */
  signedHeaders(req: InboundRequest): readonly string[];
  open(req: InboundRequest, config: Config): Checked<Opened<Envelope>>;
  /** The schemas `open` validates with (an envelope), by the name it validates each under (the build writes their parsers). */
  readonly schemas?: Readonly<Record<string, object>>;
  /** The platform's own id of a notification, known from its envelope before the payload is validated (SUD `notify_id`). */
  envelopeId?(envelope: Envelope): string | undefined;
  /** The definition used for a callback the function has no schema for (passed on as generic). */
  genericCallback(name: string): AnyCallback<Envelope>;
  ack(outcome: Outcome, req: InboundRequest, config: Config | undefined): Answer;
}

export const JSON_TYPE = { "content-type": "application/json; charset=utf-8" } as const;
