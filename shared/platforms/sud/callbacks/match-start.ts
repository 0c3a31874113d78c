import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { SudEnvelope } from "../envelope";
import { adding, epochMs, id, int, orNotifyTime, timeText } from "./fields";

/**
 * `sud.mg.merchant.match.start` (Texas Hold'em, TeenPatti): a match began. SUD names it but publishes no
 * fields; these are third-party code's, so only the ids are required.
 */
const schema = () =>
  adding(
    z.looseObject({
      mg_id: id,
      room_id: id,
      match_id: id,
      game_mode: z.optional(int),
      battle_start_at: z.optional(timeText),
      report_game_info_key: z.optional(z.string()),
      report_game_info_extras: z.optional(z.string()),
    }),
    (match) => ({ /** battle_start_at (seconds) as epoch ms. */ startedAt: epochMs(match.battle_start_at) }),
  );

export const matchStart = defineCallback<"sud.mg.merchant.match.start", z.output<ReturnType<typeof schema>>, SudEnvelope>({
  name: "sud.mg.merchant.match.start",
  schema,
  // A match starts once.
  dedupeId: (data) => composeId("sud.mg.merchant.match.start", data.match_id),
  eventTime: (data, envelope) => orNotifyTime(data.startedAt, envelope),
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A match began (Texas Hold'em, TeenPatti)";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return {
    mg_id: "1557194155570024449",
    room_id: "9010",
    game_mode: 1,
    match_id: ctx.fresh("ce56b6lzi1a7-"),
    battle_start_at: String(Math.floor(ctx.now / 1000)),
    report_game_info_key: "key001",
    report_game_info_extras: "extras",
  };
}
