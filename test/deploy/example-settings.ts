/** What a deployer must set: the platforms' app ids and the SUD secret; every other variable is optional. */
export const REQUIRED_SETTINGS = { TENCENT_SDK_APP_ID: "1400000001", SUD_APP_ID: "1461564080052506636", SUD_APP_SECRET: "sud-secret" };

/**
 * A value for every variable a deployer sets through the environment (s.yaml takes the 元镜 FC group
 * and name from its `vars` instead), none equal to its default, so a deploy file that drops or renames
 * one shows.
 */
export const FULL_SETTINGS = {
  ...REQUIRED_SETTINGS,
  TENCENT_CALLBACK_TOKEN: "token",
  TENCENT_GIFT_CHECK_DEFAULT: "allow",
  TENCENT_MESSAGE_CHECK_DEFAULT: "deny",
  SUD_MAX_SIGNATURE_AGE_S: "86400",
  YUANJING_APP_SECRET: "top-secret",
  YUANJING_SIGN_MAX_AGE_S: "900",
  YUANJING_CONSUME_STATE: "0",
  YUANJING_ALLOW_UNSIGNED_HTTP: "false",
  REDIS_URL: "redis://r-example.redis.rds.aliyuncs.com:6379",
  REDIS_STREAM: "callbacks",
  FORWARD_URL: "https://api.example.com/callbacks",
  FORWARD_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  REDIS_KEY_PREFIX: "callbacks:",
  REDIS_TIMEOUT_MS: "250",
  DEDUPE_TTL_HOURS: "48",
  DEAD_LETTER_STREAM: "callbacks:dead-letters",
  DEAD_LETTER_KEY: "dead-letter-mac-key",
  REDRIVE_BACKOFF_BASE_S: "30",
  REDRIVE_BACKOFF_MAX_S: "1800",
  REDRIVE_MAX_ATTEMPTS: "8",
  REDRIVE_MAX_AGE_HOURS: "12",
};
