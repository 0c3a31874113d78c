import type { ZodMiniType } from "zod/mini";
import { type CallbackDefinition, type CallbackSpec, withLazySchema } from "./callback";
import type { Answer } from "./platform";

/** Why the app's handler did not give the answer: none wired, past its deadline, it threw, or it returned a bad one. */
export type FallbackWhy = "missing" | "late" | "failed" | "invalid";

/** How an answering callback answers: the handler's answer checked, a fallback when there is none, the platform's own answer. */
export interface AnswerSpec<A = unknown, Data = unknown> {
  /** What the app's handler may return; anything else is replaced by the fallback. */
  readonly schema: ZodMiniType<A, any>;
  /**
   * The answer when the handler gives none: `answers[default]`, or the one the deployer chose with
   * `setting` (its value must name one of `answers`; read once per cold start, a bad one refuses the callback).
   */
  readonly fallback: {
    readonly setting?: string;
    readonly default: string;
    readonly answers: Readonly<Record<string, (why: FallbackWhy) => A>>;
  };
  /** The platform's answer for a checked answer; its body is always well-formed. */
  toPlatform(answer: A, data: Data): Answer;
  /** For a question the platform may ask twice with one key (SUD's update_score): answered once per key. */
  readonly idempotency?: Idempotency<A, Data>;
}

/**
 * Answered once per key (after Powertools idempotency): the handler's answer is stored with the claim,
 * a retry with the same payload gets it again without the handler, a retry while the first request
 * runs gets a transient failure (the platform retries), and a reuse of the key with a different
 * payload gets `conflict`. A fallback (no handler, a throw, a timeout, a bad answer) is never stored.
 * The platform's answer is kept in the dedupe store as sent: only for answers that hold no secret (a balance).
 */
export interface Idempotency<A, Data> {
  /** The idempotency key within the callback (SUD's `order_id`). */
  key(data: Data): string;
  /** What must be the same for a retry (hashed and kept with the record); other fields may differ. */
  payload(data: Data): unknown;
  /** The answer to a reuse of the key with a different payload. */
  conflict(data: Data): A;
}

/**
 * A callback that asks the app a question and acts on its answer (Tencent's gift and message checks,
 * SUD's app-server interfaces). Its handler returns the answer's data; every answered query is also an
 * event for the targets, with the answer given.
 */
export interface AnsweringDefinition<Name extends string = string, Data = unknown, Envelope = unknown, A = unknown> extends CallbackDefinition<Name, Data, Envelope, undefined> {
  readonly answers: AnswerSpec<A, Data>;
}

export type AnyAnswering<Envelope = any> = AnsweringDefinition<string, any, Envelope, any>;
export type AnswerOf<C> = C extends { readonly answers: AnswerSpec<infer A, any> } ? A : never;

/** An answering definition as its file writes it: its schema and its answers' schema as functions that build them. */
export type AnsweringSpec<Name extends string, Data, Envelope, A> = Omit<CallbackSpec<AnsweringDefinition<Name, Data, Envelope, A>>, "answers"> & {
  readonly answers: CallbackSpec<AnswerSpec<A, Data>>;
};

export function defineAnsweringCallback<Name extends string, Data, Envelope, A>(spec: AnsweringSpec<Name, Data, Envelope, A>): AnsweringDefinition<Name, Data, Envelope, A> {
  // The answer's schema too is built at its first read: when the handler first answers.
  return withLazySchema({ ...spec, answers: withLazySchema(spec.answers) } as CallbackSpec<AnsweringDefinition<Name, Data, Envelope, A>>);
}

export function isAnswering(definition: unknown): definition is AnyAnswering {
  return typeof (definition as Partial<AnyAnswering> | undefined)?.answers?.toPlatform === "function";
}
