import * as z from "zod/mini";
import { defineCallback } from "../../core/callback";
import { sha256Hex } from "../../core/crypto";
import type { Platform } from "../../core/platform";
import { tencentAck } from "./ack";
import { authenticateTencent } from "./auth";
import { loadTencentConfig, type TencentConfig } from "./config";
import { openTencent, type TencentEnvelope } from "./envelope";

export { battleStart } from "./callbacks/battle-start";
export { battleEnd } from "./callbacks/battle-end";
export { roomDestroyed } from "./callbacks/room-destroyed";
export { createRoom } from "./callbacks/create-room";
export { updateRoomInfo } from "./callbacks/update-room-info";
export { setMetadata } from "./callbacks/set-metadata";
export { delMetadata } from "./callbacks/del-metadata";
export { createRoomThreshold } from "./callbacks/create-room-threshold";
export { memberStateChanged } from "./callbacks/member-state-changed";
export { changeOwner } from "./callbacks/change-owner";
export { modifyAdmin } from "./callbacks/modify-admin";
export { seatInfoChanged } from "./callbacks/seat-info-changed";
export { createBattle } from "./callbacks/create-battle";
export { groupMessageSent } from "./callbacks/group-message-sent";
export { followAdd } from "./callbacks/follow-add";
export { followDelete } from "./callbacks/follow-delete";
export { cloudRecordingChanged } from "./callbacks/cloud-recording-changed";

const anyBody = z.looseObject({});

/** Tencent Cloud Live (TUILiveKit): POST JSON, Sign = SHA-256(token + RequestTime), 2 s to answer. */
export const tencentLive: Platform<TencentConfig, TencentEnvelope> = {
  name: "tencent-live",
  transports: ["http"],
  methods: ["POST"],
  maxBodyBytes: 1024 * 1024,
  answerWithinMs: 2000,
  loadConfig: loadTencentConfig,
  authenticate: authenticateTencent,
  // Sign and RequestTime travel in the query, which a dead letter keeps whole.
  signedHeaders: () => [],
  open: openTencent,
  // Commands without a schema carry no documented id; the body's digest names them instead.
  genericCallback: (name) =>
    defineCallback({
      name,
      description: "A callback without a schema here, passed on as a generic event",
      schema: anyBody,
      dedupeId: (data) => `${name}:${sha256Hex(JSON.stringify(data))}`,
      eventTime: (data) => (typeof data.EventTime === "number" ? data.EventTime : undefined),
    }),
  ack: tencentAck,
};
