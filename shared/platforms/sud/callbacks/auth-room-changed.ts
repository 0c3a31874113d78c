import * as z from "zod/mini";
import { defineCallback, type SampleContext, type SubEvents } from "../../../core/callback";
import type { SudEnvelope } from "../envelope";
import { adding, byNotifyId, epochMs, id, type Open, openString, orNotifyTime, timeText } from "./fields";

const AUTH_ROOM_STATUSES = ["WAITING", "PLAYING", "CLOSE"] as const;
type AuthRoomStatus = (typeof AUTH_ROOM_STATUSES)[number];

/** `sud.mg.merchant.auth.room.changed`: a room shared with another app (authorized room) changed state. */
const schema = () =>
  adding(z.looseObject({ auth_secret: z.string(), room_id: id, mg_id: id, status: openString<AuthRoomStatus>(), changed_time: timeText }), (room) => {
    // A credential: handlers read it, but it is left out wherever the event is written out (the accepted
    // log line); the raw payload keeps it for forwarding and replay.
    Object.defineProperty(room, "auth_secret", { enumerable: false });
    return {
      // The docs' own sample spells it PLAYUING.
      status: (room.status === "PLAYUING" ? "PLAYING" : room.status) as Open<AuthRoomStatus>,
      changedAt: epochMs(room.changed_time),
    };
  });

export const authRoomChanged = defineCallback<"sud.mg.merchant.auth.room.changed", z.output<ReturnType<typeof schema>>, SudEnvelope, SubEvents<"status", AuthRoomStatus>>({
  name: "sud.mg.merchant.auth.room.changed",
  schema,
  dedupeId: byNotifyId,
  eventTime: (data, envelope) => orNotifyTime(data.changedAt, envelope),
  subEvents: { field: "status", values: AUTH_ROOM_STATUSES },
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A room shared with another app started waiting, playing or closed";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return { auth_secret: ctx.fresh(), room_id: ctx.fresh("room-"), mg_id: "1468180338417074177", status: "PLAYING", changed_time: String(ctx.now) };
}
