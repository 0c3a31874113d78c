import { authRoomChanged } from "./callbacks/auth-room-changed";
import { bidResult } from "./callbacks/bid-result";
import { bulletClientClosed } from "./callbacks/bullet-client-closed";
import { bulletClientStart } from "./callbacks/bullet-client-start";
import { bulletConnectionClosed } from "./callbacks/bullet-connection-closed";
import { bulletGamePrepare } from "./callbacks/bullet-game-prepare";
import { bulletGameSettle } from "./callbacks/bullet-game-settle";
import { bulletGameStart } from "./callbacks/bullet-game-start";
import { gamePlayerConnectStatus } from "./callbacks/game-player-connect-status";
import { gameProcess } from "./callbacks/game-process";
import { llmAiCreateResult } from "./callbacks/llm-ai-create-result";
import { llmGameSituationSummary } from "./callbacks/llm-game-situation-summary";
import { matchSettle } from "./callbacks/match-settle";
import { matchStart } from "./callbacks/match-start";
import { matchStatusChanged } from "./callbacks/match-status-changed";
import { matchUserChanged } from "./callbacks/match-user-changed";
import { orderBatchChanged } from "./callbacks/order-batch-changed";
import { orderChanged } from "./callbacks/order-changed";
import { playerDrawImage } from "./callbacks/player-draw-image";
import { playerStatus } from "./callbacks/player-status";
import { roomGameRule } from "./callbacks/room-game-rule";
import { roomSeatChanged } from "./callbacks/room-seat-changed";
import { roomUsersChanged } from "./callbacks/room-users-changed";
import { userSettle } from "./callbacks/user-settle";

/** Every SUD notify event this product types, in the order of SUD's notify index. */
export const sudCallbacks = [
  roomUsersChanged,
  orderChanged,
  orderBatchChanged,
  bidResult,
  userSettle,
  matchStart,
  matchSettle,
  roomGameRule,
  authRoomChanged,
  matchUserChanged,
  matchStatusChanged,
  gameProcess,
  playerStatus,
  gamePlayerConnectStatus,
  roomSeatChanged,
  playerDrawImage,
  bulletConnectionClosed,
  bulletClientStart,
  bulletClientClosed,
  bulletGamePrepare,
  bulletGameStart,
  bulletGameSettle,
  llmAiCreateResult,
  llmGameSituationSummary,
] as const;
