import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import type { SudEnvelope } from "../envelope";
import { adding, byNotifyId, epochMs, id, int, orNotifyTime, timeText } from "./fields";

/** `sud.mg.merchant.room.users.changed`: the count of players or observers in a room changed. */
const schema = () =>
  adding(z.looseObject({ room_id: id, mg_id: id, player_total: int, ob_total: int, changed_time: timeText }), (room) => ({
    /** changed_time (ms) as epoch ms. */ changedAt: epochMs(room.changed_time),
  }));

export const roomUsersChanged = defineCallback<"sud.mg.merchant.room.users.changed", z.output<ReturnType<typeof schema>>, SudEnvelope>({
  name: "sud.mg.merchant.room.users.changed",
  schema,
  dedupeId: byNotifyId,
  eventTime: (data, envelope) => orNotifyTime(data.changedAt, envelope),
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "The number of players or observers in a room changed";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return { room_id: ctx.fresh("room-"), mg_id: "1468180338417074177", player_total: 2, ob_total: 3, changed_time: String(ctx.now) };
}
