import * as z from "zod/mini";
import { defineCallback, lazy } from "../../core/callback";
import type { Platform } from "../../core/platform";
import { sudAck } from "./ack";
import { authenticateSud, sudReplayMark, sudWarnings } from "./auth";
import { loadSudConfig, type SudConfig } from "./config";
import { notifyTimeMs, openSud, SUD_ENVELOPE_SCHEMA, type SudEnvelope, sudEnvelopeSchema } from "./envelope";

/** The payload of a callback without a schema here: one schema object, built when the first such callback arrives. */
const anyPayload = lazy(() => z.unknown());

export * from "./callbacks";

const SUD_SIGNED_HEADERS = ["sud-appid", "sud-timestamp", "sud-nonce", "sud-signature"] as const;

/** SUD notifications: POST JSON, HMAC-SHA1 over the raw body, retried on failure for about 15 h. */
export const sud: Platform<SudConfig, SudEnvelope> = {
  name: "sud",
  transports: ["http"],
  methods: ["POST"],
  // player.draw.image carries base64 images.
  maxBodyBytes: 6 * 1024 * 1024,
  answerWithinMs: 5000,
  loadConfig: loadSudConfig,
  warnings: sudWarnings,
  authenticate: authenticateSud,
  replayMark: sudReplayMark,
  signedHeaders: () => SUD_SIGNED_HEADERS,
  open: openSud,
  schemas: { [SUD_ENVELOPE_SCHEMA]: sudEnvelopeSchema },
  envelopeId: (envelope) => envelope.notify_id,
  genericCallback: (name) =>
    defineCallback({
      name,
      description: "A callback without a schema here, passed on as a generic event",
      schema: anyPayload,
      dedupeId: (_data, envelope: SudEnvelope) => envelope.notify_id,
      eventTime: (_data, envelope: SudEnvelope) => notifyTimeMs(envelope),
    }),
  ack: sudAck,
};
