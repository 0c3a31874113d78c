import { type Env, integerSetting, listSetting, requiredSetting } from "../../core/config";

export interface SudConfig {
  readonly appId: string;
  /** Several during a rotation. */
  readonly secrets: readonly string[];
  /**
   * Largest accepted age of Sud-Timestamp, seconds; 0 (the default) enforces none. SUD does not say
   * whether a retry hours later is signed anew, so a window is opt-in and should stay generous.
   */
  readonly maxSignatureAgeS: number;
}

export function loadSudConfig(env: Env): SudConfig {
  return {
    appId: requiredSetting(env, "SUD_APP_ID"),
    secrets: listSetting(env, "SUD_APP_SECRET", true),
    maxSignatureAgeS: integerSetting(env, "SUD_MAX_SIGNATURE_AGE_S", 0, 0, 7 * 24 * 3600),
  };
}
