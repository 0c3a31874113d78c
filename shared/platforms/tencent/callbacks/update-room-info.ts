import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { account, requiredId, wholeNumber } from "./fields";
import { roomInfo } from "./room-info";

/**
 * `Live.CallbackAfterUpdateRoomInfo`: a room's details changed. The documents do not say whether
 * RoomInfo holds every field or only the changed ones, so only its RoomId is required.
 */
export const updateRoomInfoSchema = () =>
  z.looseObject({
    CallbackCommand: z.optional(z.string()),
    Operator_Account: z.optional(account),
    RoomInfo: z.extend(roomInfo(), { RoomId: requiredId }),
    EventTime: wholeNumber,
  });

export const updateRoomInfo = defineCallback<"Live.CallbackAfterUpdateRoomInfo", z.output<ReturnType<typeof updateRoomInfoSchema>>, TencentEnvelope>({
  name: "Live.CallbackAfterUpdateRoomInfo",
  schema: updateRoomInfoSchema,
  // A room is updated many times: the time tells its updates apart.
  dedupeId: (data) => composeId("Live.CallbackAfterUpdateRoomInfo", data.RoomInfo.RoomId, data.EventTime),
  eventTime: (data) => data.EventTime,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A live room's details (name, cover, seat mode, ...) were updated";

export function sample({ now, fresh }: SampleContext): Record<string, unknown> {
  return {
    Operator_Account: "host_1001",
    RoomInfo: {
      RoomId: fresh("live_room_"),
      RoomName: "Saturday night PK",
      MaxMemberCount: 10000,
      IsMessageDisabled: false,
      CoverURL: "https://example.com/cover-2.png",
      Category: [1, 3],
      ActivityStatus: 1,
      IsPublicVisible: true,
      TakeSeatMode: "FreeToTake",
      CustomInfo: '{"theme":"music"}',
    },
    EventTime: now,
  };
}
