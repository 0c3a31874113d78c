import * as z from "zod/mini";
import { defineCallback, type SampleContext, type SubEvents } from "../../../core/callback";
import type { SudEnvelope } from "../envelope";
import { atNotifyTime, byNotifyId, id, openString } from "./fields";

const MATCH_STATUSES = ["MATCH_SUCCESS", "MATCH_FAIL"] as const;
type MatchStatus = (typeof MATCH_STATUSES)[number];

/** `sud.mg.merchant.match.status.changed`: matchmaking succeeded (the room to load the game in) or failed. */
const schema = () =>
  z.looseObject({ group_id: id, match_room_id: z.optional(id), status: openString<MatchStatus>() }).check(
    // A success without its room cannot be played.
    z.refine((match) => match.status !== "MATCH_SUCCESS" || !!match.match_room_id, {
      message: "required when status is MATCH_SUCCESS",
      path: ["match_room_id"],
    }),
  );

export const matchStatusChanged = defineCallback<"sud.mg.merchant.match.status.changed", z.output<ReturnType<typeof schema>>, SudEnvelope, SubEvents<"status", MatchStatus>>({
  name: "sud.mg.merchant.match.status.changed",
  schema,
  dedupeId: byNotifyId,
  eventTime: atNotifyTime,
  subEvents: { field: "status", values: MATCH_STATUSES },
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "Matchmaking succeeded (with the room to play in) or failed";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return { group_id: ctx.fresh("g-"), match_room_id: ctx.fresh("m-"), status: "MATCH_SUCCESS" };
}
