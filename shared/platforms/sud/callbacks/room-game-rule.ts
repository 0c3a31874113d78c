import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import { parseJson } from "../../../core/json";
import type { SudEnvelope } from "../envelope";
import { adding, atNotifyTime, byNotifyId, id } from "./fields";

/**
 * `sud.mg.merchant.room.game.rule` (Texas Hold'em, TeenPatti): a room's rules were set. SUD publishes no
 * fields; third-party code has `rule` as a JSON document in a string, so an object is taken too.
 */
const schema = () =>
  adding(z.looseObject({ mg_id: id, room_id: id, rule: z.union([z.string(), z.looseObject({})]) }), (room) => ({
    /** The rule parsed (64-bit numbers kept whole); undefined when the string is no JSON, or nested too deep. */
    ruleValue: typeof room.rule === "string" ? jsonOrUndefined(room.rule) : (room.rule as unknown),
  }));

function jsonOrUndefined(text: string): unknown {
  if (!nestedAtMost(text, MAX_RULE_DEPTH)) return undefined;
  const parsed = parseJson(text);
  return parsed.ok ? parsed.value : undefined;
}

/**
 * A rule is a few settings. Parsing is iterative, but writing the event out (the log line, forwarding)
 * is recursive: a string nested thousands deep would overflow the stack there, so it stays a string.
 */
const MAX_RULE_DEPTH = 64;

function nestedAtMost(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return false;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return true;
}

export const roomGameRule = defineCallback<"sud.mg.merchant.room.game.rule", z.output<ReturnType<typeof schema>>, SudEnvelope>({
  name: "sud.mg.merchant.room.game.rule",
  schema,
  dedupeId: byNotifyId,
  eventTime: atNotifyTime,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A room's game rules were set (Texas Hold'em, TeenPatti)";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return { mg_id: "1557194155570024449", room_id: ctx.fresh("room-"), rule: JSON.stringify({ ante: 10, max_players: 6 }) };
}
