import { type Env, integerSetting, listSetting, requiredSetting } from "../../core/config";

/** Longer than SUD's ~15 h of retries, in case a retry keeps its first signature. */
export const DEFAULT_SIGNATURE_AGE_S = 24 * 3600;

export interface SudConfig {
  readonly appId: string;
  /** Several during a rotation. */
  readonly secrets: readonly string[];
  /**
   * Largest accepted age of Sud-Timestamp, seconds, and how long each (nonce, timestamp) is
   * remembered; 0 turns both off. SUD does not say whether a retry hours later is signed anew, so
   * the default stays generous.
   */
  readonly maxSignatureAgeS: number;
}

export function loadSudConfig(env: Env): SudConfig {
  return {
    appId: requiredSetting(env, "SUD_APP_ID"),
    secrets: listSetting(env, "SUD_APP_SECRET", true),
    maxSignatureAgeS: integerSetting(env, "SUD_MAX_SIGNATURE_AGE_S", DEFAULT_SIGNATURE_AGE_S, 0, 7 * 24 * 3600),
  };
}
