import * as z from "zod/mini";
import { defineCallback, lazy } from "../../core/callback";
import { sha256Hex } from "../../core/crypto";
import { composeId } from "../../core/ids";
import { exactJson } from "../../core/json";
import type { Platform } from "../../core/platform";
import { tencentAck } from "./ack";
import { authenticateTencent, tencentWarnings } from "./auth";
import { loadTencentConfig, type TencentConfig } from "./config";
import { openTencent, type TencentEnvelope } from "./envelope";

export * from "./callbacks";

/** The schema of every command without one here: one object, built when the first such command arrives. */
const anyBody = lazy(() => z.looseObject({}));

/** Tencent Cloud Live (TUILiveKit): POST JSON, Sign = SHA-256(token + RequestTime), 2 s to answer. */
export const tencentLive: Platform<TencentConfig, TencentEnvelope> = {
  name: "tencent-live",
  transports: ["http"],
  methods: ["POST"],
  maxBodyBytes: 1024 * 1024,
  answerWithinMs: 2000,
  loadConfig: loadTencentConfig,
  warnings: tencentWarnings,
  authenticate: authenticateTencent,
  // Sign and RequestTime travel in the query, which a dead letter keeps whole.
  // The Sign carries no nonce; the ±60 s RequestTime window is the replay limit.
  replayMark: () => undefined,
  signedHeaders: () => [],
  open: openTencent,
  // Commands without a schema carry no documented id; the body's digest names them instead (big
  // integers as sent, so a bare one and its quoted digits are different bodies).
  genericCallback: (name) =>
    defineCallback({
      name,
      description: "A callback without a schema here, passed on as a generic event",
      schema: anyBody,
      dedupeId: (data) => composeId(name, sha256Hex(exactJson(data))),
      eventTime: (data) => (typeof data.EventTime === "number" ? data.EventTime : undefined),
    }),
  ack: tencentAck,
};
