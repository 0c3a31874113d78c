import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import { parseJson } from "../../../core/json";
import type { SudEnvelope } from "../envelope";
import { adding, atNotifyTime, byNotifyId, id } from "./fields";

/**
 * `sud.mg.merchant.room.game.rule` (Texas Hold'em, TeenPatti): a room's rules were set. SUD publishes no
 * fields; third-party code has `rule` as a JSON document in a string, so an object is taken too.
 */
const schema = adding(z.looseObject({ mg_id: id, room_id: id, rule: z.union([z.string(), z.looseObject({})]) }), (room) => ({
  /** The rule parsed (64-bit numbers kept whole); undefined when the string is no JSON. */
  ruleValue: typeof room.rule === "string" ? jsonOrUndefined(room.rule) : (room.rule as unknown),
}));

function jsonOrUndefined(text: string): unknown {
  const parsed = parseJson(text);
  return parsed.ok ? parsed.value : undefined;
}

export const roomGameRule = defineCallback<"sud.mg.merchant.room.game.rule", z.output<typeof schema>, SudEnvelope>({
  name: "sud.mg.merchant.room.game.rule",
  description: "A room's game rules were set (Texas Hold'em, TeenPatti)",
  schema,
  dedupeId: byNotifyId,
  eventTime: atNotifyTime,
});

export function sample(ctx: SampleContext): Record<string, unknown> {
  return { mg_id: "1557194155570024449", room_id: ctx.fresh("room-"), rule: JSON.stringify({ ante: 10, max_players: 6 }) };
}
