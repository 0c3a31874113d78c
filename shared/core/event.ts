export type PlatformName = "tencent-live" | "sud" | "yuanjing";

/** The one clean, typed event the app receives, whatever platform sent it; every target receives it frozen. */
export interface CallbackEvent<Name extends string = string, Data = unknown> {
  /** The dedupe id: the same callback delivered twice carries the same id. */
  readonly id: string;
  readonly platform: PlatformName;
  /** The platform's name for the callback (Tencent command, SUD notify_event, 元镜 API name). */
  readonly callback: Name;
  /** False when the function passed on a callback it has no schema for. */
  readonly known: boolean;
  /** The payload's discriminator value, where the callback has one (SUD `data.event`, Tencent `EventType`). */
  readonly subEvent?: string;
  /** When the platform says the event happened, epoch ms. */
  readonly eventTime: number;
  /** When the function received it, epoch ms. */
  readonly receivedAt: number;
  /** The validated, typed payload; unknown fields are kept. */
  readonly data: Data;
  /** The payload as parsed from the exact body (large integers kept as strings). */
  readonly raw: unknown;
  /**
   * For a callback that asks the app (a gift check, a token call): the answer given, and whether the
   * handler or the default gave it; "conflict" when an idempotency key came back with other content.
   */
  readonly answer?: { readonly data: unknown; readonly source: "handler" | "missing" | "late" | "failed" | "invalid" | "conflict" };
}
