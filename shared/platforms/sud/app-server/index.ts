import { reportGameInfo } from "./report-game-info";
import { getSsToken, updateSsToken } from "./tokens";
import { SUD_DUPLICATE_ORDER, SUD_INSUFFICIENT_BALANCE, updateScore } from "./update-score";
import { getAccount, getScore, getUserInfo } from "./user";

export { sudAppServer } from "./platform";
export { SDK_TOKEN_EXPIRED, type SudAnswer } from "./answers";
export { getAccount, getScore, getSsToken, getUserInfo, reportGameInfo, updateScore, updateSsToken };
export { SUD_DUPLICATE_ORDER, SUD_INSUFFICIENT_BALANCE };

/** Every app-server interface served by `sud-app-server`, each by the last segment of its URL. */
export const sudAppInterfaces = [getSsToken, updateSsToken, getUserInfo, reportGameInfo, getAccount, getScore, updateScore] as const;
