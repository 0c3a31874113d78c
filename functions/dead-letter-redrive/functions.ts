import type { AnySpec, FunctionSpecs } from "../../shared/redrive/replay";
import { handler as sudNotify } from "../sud-notify/index";
import { handler as sudPlayerStatus } from "../sud-player-status/index";
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
  "sud-notify": spec(sudNotify),
  "sud-player-status": spec(sudPlayerStatus),
  "tencent-live": spec(tencentLive),
  "tencent-live-battle-end": spec(tencentLiveBattleEnd),
  "tencent-live-battle-start": spec(tencentLiveBattleStart),
  "tencent-live-room-destroyed": spec(tencentLiveRoomDestroyed),
  "yuanjing-session-lifecycle": spec(yuanjingSessionLifecycle),
} satisfies FunctionSpecs;

export const FUNCTION_SPECS: FunctionSpecs = SPECS;
/** The name of a callback function (a folder of functions/ that serves a platform). */
export type CallbackFunctionName = keyof typeof SPECS;
