/**
 * The shape of what the tooling (the sender, the emulator, replay, tests, the benchmark) knows of a
 * platform: its callbacks with their samples, how it wraps and signs a request, how to read its answer.
 * Each platform describes itself in `<platform>/tooling.ts`; nothing here is in a function's bundle.
 */
import type { AnyCallback, SampleContext } from "../core/callback";
import type { PlatformName } from "../core/event";
import type { Platform } from "../core/platform";

export type Settings = Readonly<Record<string, string | undefined>>;

/** A callback before signing: the body is a JSON value (a LosslessNumber keeps a bare 64-bit number). */
export interface UnsignedCallback {
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

/** A callback ready to send: the body is the exact text that was signed. */
export interface SignedCallback {
  readonly method: "POST";
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Why the request carries no signature, when it does not. */
  readonly unsignedBecause?: string;
}

export interface SignOptions {
  readonly settings: Settings;
  readonly now: number;
  /** Sign with a wrong secret: the signature is well-formed and does not verify. */
  readonly badSignature?: boolean;
}

/** What an answer says, read the way the platform reads it. */
export interface Verdict {
  readonly accepted: boolean;
  /** accepted | refused (a well-formed platform ack saying no) | error (anything else). */
  readonly kind: "accepted" | "refused" | "error";
  readonly platform?: PlatformName;
  /** The ack's own words on a refusal; a short description otherwise. */
  readonly detail: string;
  /**
   * What an answering callback answered, for the sender to print (SUD's app server: `ret_code`,
   * `ret_msg`, `sdk_error_code` and `data` as the function gave them, tokens included: the app's own answer).
   */
  readonly answer?: string;
}

/** One callback of a platform's catalog, as its file gives it. */
export interface CatalogEntry {
  readonly definition: AnyCallback;
  /** One line: what happened. */
  readonly description: string;
  readonly sample: (ctx: SampleContext) => Record<string, unknown>;
  /** Its file's name in `<platform>/callbacks/`, and so of its fixtures. */
  readonly file: string;
}

export interface PlatformTooling {
  readonly platform: Platform<any, any>;
  readonly catalog: readonly CatalogEntry[];
  /** The folder of its fixtures under test/fixtures/. */
  readonly fixtures: string;
  /** The function that serves every callback of the platform at one URL. */
  readonly oneUrlFunction: string;
  /** The setting the sender signs with. */
  readonly secretSetting: string;
  /**
   * Interfaces the platform calls synchronously at paths under one prefix of the app's choosing (SUD's
   * app server): each request is its bare payload, and a function serving several reads the interface
   * from the URL's last segment.
   */
  readonly interfaces?: {
    readonly catalog: readonly CatalogEntry[];
    /** The function that serves every interface at `<url>/<interface>`; one without a function of its own is sent there. */
    readonly prefixFunction: string;
    request(payload: Record<string, unknown>, ctx: SampleContext): UnsignedCallback;
  };
  /** A callback the platform may send that has no schema here: the sender's `<platform>-unknown`. */
  readonly unknown?: { readonly name: string; sample(ctx: SampleContext): Record<string, unknown> };
  /** The request around a callback's payload, as the platform sends it. */
  request(callback: string, payload: Record<string, unknown>, ctx: SampleContext): UnsignedCallback;
  /** Signs the request as the platform does; a time or nonce already present is signed as it is. */
  sign(callback: UnsignedCallback, body: string, options: SignOptions): SignedCallback;
  /** Reads an answer of this platform; undefined when the answer is not in its dialect. */
  readAnswer(status: number, body: string, json: Record<string, unknown> | undefined): Verdict | undefined;
  /** The callback a request names, when it is this platform's. */
  callbackOf(query: Readonly<Record<string, string>>, text: string): string | undefined;
}

/** A quarantined callback is answered as "received" so the platform stops retrying; it was not accepted. */
export const QUARANTINED = /^quarantined: /;

/** The first of a comma-separated list (the functions accept several during a rotation). */
export const firstOf = (list: string | undefined) =>
  list
    ?.split(",")
    .map((s) => s.trim())
    .find(Boolean);
/** The secret, or a wrong one for `--bad-signature`. */
export const spoil = (secret: string, bad: boolean | undefined) => (bad ? `${secret}-not-the-secret` : secret);

export function verdict(accepted: boolean, platform: PlatformName, detail: string): Verdict {
  return { accepted, kind: accepted ? "accepted" : "refused", platform, detail };
}
