import * as z from "zod/mini";
import { defineCallback, lazy, type SampleContext } from "../../../core/callback";
import type { SudEnvelope } from "../envelope";
import { adding, byNotifyId, decode, epochMs, id, int, openString, orNotifyTime, timeText } from "./fields";

const SEAT_CHANGES = { 1: "sit_down", 2: "stand_up", 3: "ready", 4: "cancel_ready" } as const;

const change = lazy(() =>
  adding(z.looseObject({ uid: id, changed_type: int }), (c) => ({
    /** changed_type in words. */
    change: decode(SEAT_CHANGES, c.changed_type),
  })),
);
/** A seat after the change; seat_index counts from 0. */
const seat = lazy(() => z.looseObject({ uid: id, seat_index: int, status: z.optional(openString<"IDLE" | "READY">()) }));

/** `sud.mg.merchant.room.seat.changed`: players sat down, stood up, got ready or cancelled it. */
const schema = () =>
  adding(z.looseObject({ mg_id: id, room_id: id, changed_time: timeText, seat_changed: z.array(change()), seat_players: z.optional(z.array(seat())) }), (room) => ({
    /** changed_time (ms) as epoch ms. */ changedAt: epochMs(room.changed_time),
  }));

export const roomSeatChanged = defineCallback<"sud.mg.merchant.room.seat.changed", z.output<ReturnType<typeof schema>>, SudEnvelope>({
  name: "sud.mg.merchant.room.seat.changed",
  schema,
  dedupeId: byNotifyId,
  eventTime: (data, envelope) => orNotifyTime(data.changedAt, envelope),
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "Players sat down, stood up, got ready or cancelled it";

export function sample(ctx: SampleContext): Record<string, unknown> {
  const uid = ctx.fresh("u-");
  return {
    mg_id: "1537330258004504578",
    room_id: "9011",
    changed_time: String(ctx.now),
    seat_changed: [{ uid, changed_type: 3 }],
    seat_players: [{ uid, seat_index: 0, status: "READY" }],
  };
}
