/**
 * The functions' specs, read from the functions themselves: each `functions/<fn>/index.ts` exports
 * its `handler` with the `spec` it was defined with (platform, callbacks, handlers). Tests drive a spec
 * through `createProcessor` with injected env, clock and targets; the e2e suite runs the real bundles.
 * `test/unit/function-specs.test.ts` checks that this list names every folder of functions/.
 */
import type { AnyCallback } from "../../shared/core/callback";
import type { FunctionSpec } from "../../shared/function";
import { handler as sudAppServer } from "../../functions/sud-app-server";
import { handler as sudGetSsToken } from "../../functions/sud-get-sstoken";
import { handler as sudGetUserInfo } from "../../functions/sud-get-user-info";
import { handler as sudNotify } from "../../functions/sud-notify";
import { handler as sudPlayerStatus } from "../../functions/sud-player-status";
import { handler as sudReportGameInfo } from "../../functions/sud-report-game-info";
import { handler as sudUpdateSsToken } from "../../functions/sud-update-sstoken";
import { handler as tencentLive } from "../../functions/tencent-live";
import { handler as tencentLiveBattleEnd } from "../../functions/tencent-live-battle-end";
import { handler as tencentLiveBattleStart } from "../../functions/tencent-live-battle-start";
import { handler as tencentLiveRoomDestroyed } from "../../functions/tencent-live-room-destroyed";
import { handler as yuanjingSessionLifecycle } from "../../functions/yuanjing-session-lifecycle";

export type AnySpec = FunctionSpec<any, any, readonly AnyCallback[]>;

const handlers = {
  "yuanjing-session-lifecycle": yuanjingSessionLifecycle,
  "tencent-live": tencentLive,
  "tencent-live-battle-start": tencentLiveBattleStart,
  "tencent-live-battle-end": tencentLiveBattleEnd,
  "tencent-live-room-destroyed": tencentLiveRoomDestroyed,
  "sud-notify": sudNotify,
  "sud-player-status": sudPlayerStatus,
  "sud-app-server": sudAppServer,
  "sud-get-sstoken": sudGetSsToken,
  "sud-update-sstoken": sudUpdateSsToken,
  "sud-get-user-info": sudGetUserInfo,
  "sud-report-game-info": sudReportGameInfo,
};

export type FunctionName = keyof typeof handlers;
/** Without the functions' own handlers (the business logic): tests bring theirs. */
export const FUNCTION_SPECS = Object.fromEntries(
  Object.entries(handlers).map(([name, handler]) => [name, { ...(handler.spec as AnySpec), handlers: undefined }]),
) as Readonly<Record<FunctionName, AnySpec>>;
export const FUNCTION_NAMES = Object.keys(FUNCTION_SPECS) as FunctionName[];
/** The platform a function serves, as its spec says. */
export const platformOf = (fn: FunctionName) => FUNCTION_SPECS[fn].platform.name;
