import type { Platform } from "../../core/platform";
import { yuanjingAck } from "./ack";
import { authenticateYuanjing, yuanjingWarnings } from "./auth";
import { MAX_BODY_BYTES } from "./params";
import { topSignedHeaders } from "./sign";
import { loadYuanjingConfig, type YuanjingConfig } from "./config";
import { openYuanjing, type YuanjingEnvelope } from "./envelope";
import { sessionLifecycle } from "./callbacks/session-lifecycle";

export { sessionLifecycle } from "./callbacks/session-lifecycle";

/** 元镜 cloud rendering's session lifecycle SPI: by direct FC invocation, or over HTTP signed the TOP way. */
export const yuanjing: Platform<YuanjingConfig, YuanjingEnvelope> = {
  name: "yuanjing",
  transports: ["invoke", "http"],
  methods: ["POST", "GET"],
  maxBodyBytes: MAX_BODY_BYTES,
  answerWithinMs: 5000,
  loadConfig: loadYuanjingConfig,
  warnings: yuanjingWarnings,
  authenticate: authenticateYuanjing,
  // TOP's sign carries no nonce; its timestamp window is the replay limit.
  replayMark: () => undefined,
  signedHeaders: topSignedHeaders,
  open: openYuanjing,
  // The SPI has one callback; the function's callback list names it, so this is never reached.
  genericCallback: () => sessionLifecycle,
  ack: yuanjingAck,
};
