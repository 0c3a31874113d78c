/**
 * Each app-server interface with a one-line description, a sample request (fresh ids on every build)
 * and the name of its fixture (test/fixtures/sud/app-server/<file>.json). Tooling only: the sender,
 * the catalog test; no function imports it.
 */
import type { SampleContext } from "../../../core/callback";
import type { CatalogEntry } from "../../tooling-kit";
import { reportGameInfo } from "./report-game-info";
import { getSsToken, updateSsToken } from "./tokens";
import { updateScore } from "./update-score";
import { getAccount, getScore, getUserInfo } from "./user";

/** A token as an app would issue one (the sender's requests carry made-up ones). */
const token = (ctx: SampleContext) => ctx.fresh("sstoken-");

export const appServerSamples: readonly CatalogEntry[] = [
  { definition: getSsToken, description: getSsToken.description!, file: "get-sstoken", sample: (ctx) => ({ code: ctx.fresh("code-") }) },
  { definition: updateSsToken, description: updateSsToken.description!, file: "update-sstoken", sample: (ctx) => ({ ss_token: token(ctx) }) },
  { definition: getUserInfo, description: getUserInfo.description!, file: "get-user-info", sample: (ctx) => ({ ss_token: token(ctx) }) },
  {
    definition: reportGameInfo,
    description: reportGameInfo.description!,
    file: "report-game-info",
    sample: (ctx) => {
      const at = Math.floor(ctx.now / 1000);
      const mgId = ctx.bareId();
      return {
        report_type: "game_settle",
        report_msg: {
          mg_id: mgId,
          mg_id_str: String(mgId),
          room_id: ctx.fresh("room-"),
          game_mode: 1,
          game_round_id: ctx.fresh("round-"),
          battle_start_at: at - 300,
          battle_end_at: at,
          battle_duration: 300,
          players: [
            { uid: "10001", is_ai: 0 },
            { uid: "", is_ai: 1 },
          ],
          results: [
            { uid: "10001", rank: 1, is_escaped: 0, is_ai: 0, score: 10 },
            { uid: "", rank: 2, is_escaped: 0, is_ai: 1, score: 2 },
          ],
        },
      };
    },
  },
  { definition: getAccount, description: getAccount.description!, file: "get-account", sample: (ctx) => ({ uid: ctx.fresh("u") }) },
  { definition: getScore, description: getScore.description!, file: "get-score", sample: (ctx) => ({ uid: ctx.fresh("u") }) },
  {
    definition: updateScore,
    description: updateScore.description!,
    file: "update-score",
    sample: (ctx) => ({ order_id: ctx.fresh("order-"), mg_id: "1461227817776713818", round_id: ctx.fresh("round-"), uid: "10001", score: 10, type: 1 }),
  },
];
