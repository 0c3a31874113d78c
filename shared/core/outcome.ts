import type { CallbackEvent } from "./event";
import type { Answer } from "./platform";

/**
 * Why a callback was not accepted. Each reason has one HTTP status (DESIGN.md) and each platform
 * turns it into its own ack; `message` says the precise cause and never holds a secret.
 */
export type Reason =
  | "method_not_allowed"
  | "payload_too_large"
  | "malformed"
  | "invalid"
  | "wrong_callback"
  | "signature_missing"
  | "signature_invalid"
  | "timestamp_expired"
  | "not_ours"
  | "misconfigured"
  | "in_progress"
  | "delivery_failed"
  | "internal";

export const STATUS_OF_REASON: Readonly<Record<Reason, number>> = {
  method_not_allowed: 405,
  payload_too_large: 413,
  malformed: 400,
  invalid: 400,
  wrong_callback: 400,
  signature_missing: 401,
  signature_invalid: 401,
  timestamp_expired: 401,
  not_ours: 403,
  misconfigured: 500,
  in_progress: 503,
  delivery_failed: 503,
  internal: 500,
};

export interface Refusal {
  readonly reason: Reason;
  readonly message: string;
}

export type Outcome =
  | { readonly kind: "accepted"; readonly event: CallbackEvent }
  | { readonly kind: "duplicate"; readonly id: string; readonly callback: string }
  /** An answering callback: the platform's answer built from the app's (or the default), whatever became of the event's delivery. */
  | { readonly kind: "answered"; readonly event: CallbackEvent; readonly answer: Answer }
  | ({
      readonly kind: "refused";
      /** Authentic, but it can never pass: kept once as a dead letter, and answered so that the platform stops retrying. */
      readonly quarantined?: boolean;
    } & Refusal);

export function refuse(reason: Reason, message: string): Refusal {
  return { reason, message };
}

/** A result that is either a value or a refusal; platforms return it instead of throwing. */
export type Checked<T> = { readonly ok: true; readonly value: T } | ({ readonly ok: false } & Refusal);

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const fail = (reason: Reason, message: string): Checked<never> => ({ ok: false, reason, message });
