import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { SudEnvelope } from "../envelope";
import { adding, aiOf, durationMs, epochMs, id, int, orNotifyTime, settleShape, timeText } from "./fields";

/** `sud.mg.merchant.match.settle` (Texas Hold'em, TeenPatti): a match ended; times and duration in seconds. */
const schema = () =>
  adding(
    z.looseObject({
      mg_id: id,
      room_id: id,
      game_mode: z.optional(int),
      match_id: id,
      battle_start_at: timeText,
      battle_end_at: timeText,
      battle_duration: z.optional(timeText),
      results: z.array(adding(z.looseObject(settleShape), aiOf)),
      report_game_info_key: z.optional(z.string()),
      report_game_info_extras: z.optional(z.string()),
    }),
    (match) => ({
      startedAt: epochMs(match.battle_start_at),
      endedAt: epochMs(match.battle_end_at),
      durationMs: durationMs(match.battle_duration),
    }),
  );

export const matchSettle = defineCallback<"sud.mg.merchant.match.settle", z.output<ReturnType<typeof schema>>, SudEnvelope>({
  name: "sud.mg.merchant.match.settle",
  schema,
  // A match settles once.
  dedupeId: (data) => composeId("sud.mg.merchant.match.settle", data.match_id),
  eventTime: (data, envelope) => orNotifyTime(data.endedAt, envelope),
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A match ended and was settled (Texas Hold'em, TeenPatti)";

export function sample(ctx: SampleContext): Record<string, unknown> {
  const end = Math.floor(ctx.now / 1000);
  return {
    mg_id: "1557194155570024449",
    room_id: "9010",
    game_mode: 1,
    match_id: ctx.fresh("ce56b6lzi1a7-"),
    battle_start_at: String(end - 272),
    battle_end_at: String(end),
    battle_duration: "272",
    results: [
      { is_ai: 0, uid: "10001", score: 100, remain_score: 1100, commission_score: 5 },
      { is_ai: 1, uid: "", score: -100, remain_score: 0 },
    ],
    report_game_info_key: "key001",
    report_game_info_extras: "extras",
  };
}
