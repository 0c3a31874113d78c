import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import type { SudEnvelope } from "../envelope";
import { atNotifyTime, byNotifyId, id } from "./fields";

/** `sud.mg.merchant.llm.game.situation.summary`: an LLM's summary of a game's state. Known from third-party code only. */
const schema = () => z.looseObject({ mg_id: id, room_id: id, game_round_id: z.optional(id), situation_summary: z.string() });

export const llmGameSituationSummary = defineCallback<"sud.mg.merchant.llm.game.situation.summary", z.output<ReturnType<typeof schema>>, SudEnvelope>({
  name: "sud.mg.merchant.llm.game.situation.summary",
  schema,
  dedupeId: byNotifyId,
  eventTime: atNotifyTime,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "An LLM summed up the situation of a game";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return { mg_id: "1468180338417074177", room_id: "9009", game_round_id: ctx.fresh("ce56b6lzi1a7-"), situation_summary: "Red leads by two pieces." };
}
