import { battleEnd } from "./callbacks/battle-end";
import { battleStart } from "./callbacks/battle-start";
import { changeOwner } from "./callbacks/change-owner";
import { cloudRecordingChanged } from "./callbacks/cloud-recording-changed";
import { createBattle } from "./callbacks/create-battle";
import { createRoom } from "./callbacks/create-room";
import { createRoomThreshold } from "./callbacks/create-room-threshold";
import { delMetadata } from "./callbacks/del-metadata";
import { followAdd } from "./callbacks/follow-add";
import { followDelete } from "./callbacks/follow-delete";
import { groupMessageSent } from "./callbacks/group-message-sent";
import { memberStateChanged } from "./callbacks/member-state-changed";
import { modifyAdmin } from "./callbacks/modify-admin";
import { roomDestroyed } from "./callbacks/room-destroyed";
import { seatInfoChanged } from "./callbacks/seat-info-changed";
import { setMetadata } from "./callbacks/set-metadata";
import { updateRoomInfo } from "./callbacks/update-room-info";

/** Every Tencent Live notification with a schema here: what the one-URL function serves, typed. */
export const tencentCallbacks = [
  createRoom,
  updateRoomInfo,
  roomDestroyed,
  setMetadata,
  delMetadata,
  createRoomThreshold,
  memberStateChanged,
  changeOwner,
  modifyAdmin,
  seatInfoChanged,
  createBattle,
  battleStart,
  battleEnd,
  groupMessageSent,
  followAdd,
  followDelete,
  cloudRecordingChanged,
] as const;
