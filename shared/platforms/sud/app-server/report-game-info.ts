import * as z from "zod/mini";
import { defineCallback } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import { idString } from "../envelope";
import type { SudAppCall } from "./platform";

/**
 * `report_game_info`: a game started or settled. A notification in all but name: SUD retries it
 * (60 s … 8 h) until `ret_code` 0, so it is deduplicated on its round and report type and answered
 * after hand-off. `report_msg.mg_id` is a number beyond 2^53 (kept as its digits); `uid` and
 * `ss_token` are no longer maintained by SUD. Times are seconds.
 */
export const reportGameInfoSchema = () =>
  z.looseObject({
    report_type: z.string().check(z.minLength(1)),
    report_msg: z.looseObject({
      mg_id: z.optional(idString),
      mg_id_str: z.optional(z.string()),
      room_id: z.optional(z.string()),
      game_mode: z.optional(z.int()),
      game_round_id: z.string().check(z.minLength(1)),
      battle_start_at: z.optional(z.int()),
      battle_end_at: z.optional(z.int()),
      battle_duration: z.optional(z.int()),
      players: z.optional(z.array(z.looseObject({ uid: z.string(), is_ai: z.optional(z.int()) }))),
      results: z.optional(z.array(z.looseObject({ uid: z.string(), rank: z.optional(z.int()) }))),
    }),
  });

export const reportGameInfo = defineCallback<"report_game_info", z.output<ReturnType<typeof reportGameInfoSchema>>, SudAppCall>({
  name: "report_game_info",
  description: "A game round started or settled (game_start, game_settle)",
  schema: reportGameInfoSchema,
  dedupeId: (data) => composeId("report_game_info", data.report_msg.game_round_id, data.report_type),
  eventTime: (data) => {
    const at = data.report_type === "game_settle" ? data.report_msg.battle_end_at : data.report_msg.battle_start_at;
    return at === undefined ? undefined : at * 1000;
  },
});
