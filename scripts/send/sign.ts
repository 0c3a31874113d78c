/**
 * Signs a built callback exactly as its platform does, with the project's own sign functions (each
 * platform's tooling says how). A time or nonce already present (set by the user) is signed as it is.
 */
import { stringify } from "lossless-json";
import type { PlatformName } from "../../shared/core/event";
import { type SignedCallback, type SignOptions, toolingOf, type UnsignedCallback } from "../../shared/platforms/tooling";

export type { SignedCallback, SignOptions } from "../../shared/platforms/tooling";

export function signCallback(platform: PlatformName, callback: UnsignedCallback, options: SignOptions): SignedCallback {
  return signText(platform, callback, stringify(callback.body) ?? "", options);
}

/** Signs a body given as exact text (a payload from a file, byte for byte). */
export function signText(platform: PlatformName, callback: Omit<UnsignedCallback, "body">, body: string, options: SignOptions): SignedCallback {
  return toolingOf(platform).sign({ ...callback, query: { ...callback.query }, headers: { ...callback.headers }, body: {} }, body, options);
}
