import { booleanSetting, type Env, integerSetting, listSetting, optionalSetting } from "../../core/config";

export interface YuanjingConfig {
  /** The fc_group / fc_name pair this function serves; a request naming another pair is refused. */
  readonly fcGroup: string;
  readonly fcName: string;
  /** Empty when YUANJING_APP_SECRET is unset: then HTTP calls are refused, unless unsigned ones are allowed. */
  readonly appSecrets: readonly string[];
  /** Without a secret, accept HTTP calls unsigned (YUANJING_ALLOW_UNSIGNED_HTTP=true); ignored when a secret is set. */
  readonly allowUnsignedHttp: boolean;
  /** Largest accepted distance of the TOP `timestamp` from now, seconds. */
  readonly signMaxAgeS: number;
  /** `consume_state` in the success answer (the seed pairs 0 with success). */
  readonly consumeState: number;
}

export function loadYuanjingConfig(env: Env): YuanjingConfig {
  return {
    fcGroup: optionalSetting(env, "YUANJING_FC_GROUP") ?? "fc-dg-common",
    fcName: optionalSetting(env, "YUANJING_FC_NAME") ?? "cg",
    appSecrets: listSetting(env, "YUANJING_APP_SECRET", false),
    allowUnsignedHttp: booleanSetting(env, "YUANJING_ALLOW_UNSIGNED_HTTP", false),
    signMaxAgeS: integerSetting(env, "YUANJING_SIGN_MAX_AGE_S", 900, 1, 24 * 3600),
    consumeState: integerSetting(env, "YUANJING_CONSUME_STATE", 0, -2147483648, 2147483647),
  };
}
