import * as z from "zod/mini";
import { defineCallback } from "../../core/callback";
import type { Platform } from "../../core/platform";
import { sudAck } from "./ack";
import { authenticateSud, sudReplayMark, sudWarnings } from "./auth";
import { loadSudConfig, type SudConfig } from "./config";
import { notifyTimeMs, openSud, type SudEnvelope } from "./envelope";

export { authRoomChanged } from "./callbacks/auth-room-changed";
export { bidResult } from "./callbacks/bid-result";
export { bulletClientClosed } from "./callbacks/bullet-client-closed";
export { bulletClientStart } from "./callbacks/bullet-client-start";
export { bulletConnectionClosed } from "./callbacks/bullet-connection-closed";
export { bulletGamePrepare } from "./callbacks/bullet-game-prepare";
export { bulletGameSettle } from "./callbacks/bullet-game-settle";
export { bulletGameStart } from "./callbacks/bullet-game-start";
export { gamePlayerConnectStatus } from "./callbacks/game-player-connect-status";
export { gameProcess } from "./callbacks/game-process";
export { llmAiCreateResult } from "./callbacks/llm-ai-create-result";
export { llmGameSituationSummary } from "./callbacks/llm-game-situation-summary";
export { matchSettle } from "./callbacks/match-settle";
export { matchStart } from "./callbacks/match-start";
export { matchStatusChanged } from "./callbacks/match-status-changed";
export { matchUserChanged } from "./callbacks/match-user-changed";
export { orderBatchChanged } from "./callbacks/order-batch-changed";
export { orderChanged } from "./callbacks/order-changed";
export { playerDrawImage } from "./callbacks/player-draw-image";
export { playerStatus } from "./callbacks/player-status";
export { roomGameRule } from "./callbacks/room-game-rule";
export { roomSeatChanged } from "./callbacks/room-seat-changed";
export { roomUsersChanged } from "./callbacks/room-users-changed";
export { userSettle } from "./callbacks/user-settle";

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
  envelopeId: (envelope) => envelope.notify_id,
  genericCallback: (name) =>
    defineCallback({
      name,
      description: "A callback without a schema here, passed on as a generic event",
      schema: z.unknown(),
      dedupeId: (_data, envelope: SudEnvelope) => envelope.notify_id,
      eventTime: (_data, envelope: SudEnvelope) => notifyTimeMs(envelope),
    }),
  ack: sudAck,
};
