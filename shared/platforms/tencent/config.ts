import { type Env, listSetting, requiredSetting } from "../../core/config";

export interface TencentConfig {
  readonly sdkAppId: string;
  /** Empty when no callback token is configured: then Sign/RequestTime are not checked. */
  readonly tokens: readonly string[];
}

export function loadTencentConfig(env: Env): TencentConfig {
  return {
    sdkAppId: requiredSetting(env, "TENCENT_SDK_APP_ID"),
    tokens: listSetting(env, "TENCENT_CALLBACK_TOKEN", false),
  };
}
