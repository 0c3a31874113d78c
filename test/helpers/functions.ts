/**
 * The seven functions' specs as `functions/<fn>/index.ts` declares them (those files export only the
 * built `handler`), for driving through `createProcessor` with injected env, clock and targets.
 * The e2e suite runs the real bundles, so a drift between these and the functions shows there.
 */
import type { AnyCallback } from "../../shared/core/callback";
import type { FunctionSpec } from "../../shared/function";
import { playerStatus, sud } from "../../shared/platforms/sud";
import { sudCallbacks } from "../../shared/platforms/sud/catalog";
import { battleEnd, battleStart, roomDestroyed, tencentLive } from "../../shared/platforms/tencent";
import { tencentCallbacks } from "../../shared/platforms/tencent/catalog";
import { sessionLifecycle, yuanjing } from "../../shared/platforms/yuanjing";

export type AnySpec = FunctionSpec<any, any, readonly AnyCallback[]>;

const specs = {
  "yuanjing-session-lifecycle": { platform: yuanjing, callbacks: [sessionLifecycle] },
  "tencent-live": { platform: tencentLive, callbacks: tencentCallbacks, passUnknown: true },
  "tencent-live-battle-start": { platform: tencentLive, callbacks: [battleStart] },
  "tencent-live-battle-end": { platform: tencentLive, callbacks: [battleEnd] },
  "tencent-live-room-destroyed": { platform: tencentLive, callbacks: [roomDestroyed] },
  "sud-notify": { platform: sud, callbacks: sudCallbacks, passUnknown: true },
  "sud-player-status": { platform: sud, callbacks: [playerStatus] },
} satisfies Record<string, AnySpec>;

export type FunctionName = keyof typeof specs;
/** Typed loosely (AnySpec) so that `createProcessor(FUNCTION_SPECS[fn], deps)` takes any of them. */
export const FUNCTION_SPECS: Readonly<Record<FunctionName, AnySpec>> = specs;
export const FUNCTION_NAMES = Object.keys(FUNCTION_SPECS) as FunctionName[];
