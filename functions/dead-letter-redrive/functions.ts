import type { AnySpec, FunctionSpecs } from "../../shared/redrive/replay";
import { handler as sudAppServer } from "../sud-app-server/index";
import { handler as sudGetSsToken } from "../sud-get-sstoken/index";
import { handler as sudGetUserInfo } from "../sud-get-user-info/index";
import { handler as sudNotify } from "../sud-notify/index";
import { handler as sudPlayerStatus } from "../sud-player-status/index";
import { handler as sudReportGameInfo } from "../sud-report-game-info/index";
import { handler as sudUpdateSsToken } from "../sud-update-sstoken/index";
import { handler as tencentLive } from "../tencent-live/index";
import { handler as tencentLiveBattleEnd } from "../tencent-live-battle-end/index";
import { handler as tencentLiveBattleStart } from "../tencent-live-battle-start/index";
import { handler as tencentLiveRoomDestroyed } from "../tencent-live-room-destroyed/index";
import { handler as yuanjingSessionLifecycle } from "../yuanjing-session-lifecycle/index";

const spec = (handler: { readonly spec: unknown }) => handler.spec as AnySpec;

/**
 * Every callback function, by its folder name, with the spec its own handler carries: a dead letter is
 * replayed through the very function that received it, its schemas and its handlers. `npm run replay`
 * reads the same list; a test checks that it names every folder of functions/.
 */
const SPECS = {
  "sud-app-server": spec(sudAppServer),
  "sud-get-sstoken": spec(sudGetSsToken),
  "sud-get-user-info": spec(sudGetUserInfo),
  "sud-notify": spec(sudNotify),
  "sud-player-status": spec(sudPlayerStatus),
  "sud-report-game-info": spec(sudReportGameInfo),
  "sud-update-sstoken": spec(sudUpdateSsToken),
  "tencent-live": spec(tencentLive),
  "tencent-live-battle-end": spec(tencentLiveBattleEnd),
  "tencent-live-battle-start": spec(tencentLiveBattleStart),
  "tencent-live-room-destroyed": spec(tencentLiveRoomDestroyed),
  "yuanjing-session-lifecycle": spec(yuanjingSessionLifecycle),
} satisfies FunctionSpecs;

export const FUNCTION_SPECS: FunctionSpecs = SPECS;
/** The name of a callback function (a folder of functions/ that serves a platform). */
export type CallbackFunctionName = keyof typeof SPECS;
