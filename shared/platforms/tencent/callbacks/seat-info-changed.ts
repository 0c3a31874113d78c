import * as z from "zod/mini";
import { defineCallback, lazy, type SampleContext } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { account, integer, requiredId, wholeNumber } from "./fields";

/** One seat: an empty seat has no Member_Account; the flags say what is locked. */
const seat = lazy(() =>
  z.looseObject({
    Index: integer,
    Member_Account: z.optional(account),
    /** The seat is locked. */
    IsTakenDisabled: z.optional(z.boolean()),
    IsVideoDisabled: z.optional(z.boolean()),
    IsAudioDisabled: z.optional(z.boolean()),
  }),
);

/**
 * `Mic.CallbackAfterSeatInfoChanged`: users took or left seats, or seats were locked or unlocked.
 * Conference (TUIRoomKit) sends the same command with an Operator_Account.
 */
export const seatInfoChangedSchema = () =>
  z.looseObject({
    CallbackCommand: z.optional(z.string()),
    RoomId: requiredId,
    Operator_Account: z.optional(account),
    SeatList: z.array(seat()),
    EventTime: wholeNumber,
  });

export const seatInfoChanged = defineCallback<"Mic.CallbackAfterSeatInfoChanged", z.output<ReturnType<typeof seatInfoChangedSchema>>, TencentEnvelope>({
  name: "Mic.CallbackAfterSeatInfoChanged",
  schema: seatInfoChangedSchema,
  dedupeId: (data) => composeId("Mic.CallbackAfterSeatInfoChanged", data.RoomId, data.EventTime),
  eventTime: (data) => data.EventTime,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "Seats of a live room were taken, left, locked or unlocked";

export function sample({ now, fresh, bareId }: SampleContext): Record<string, unknown> {
  return {
    RoomId: fresh("live_room_"),
    SeatList: [
      { Index: 0, Member_Account: "host_1001", IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false },
      { Index: 1, Member_Account: bareId(), IsTakenDisabled: false, IsVideoDisabled: true, IsAudioDisabled: false },
      { Index: 2, IsTakenDisabled: true, IsVideoDisabled: false, IsAudioDisabled: false },
    ],
    EventTime: now,
  };
}
