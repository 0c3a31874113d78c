import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { account, integer, ms, wholeNumber } from "./fields";
import { roomInfo } from "./room-info";

/**
 * `Live.CallbackAfterCreateRoom`: a room was created, by a client or by REST (`Operator_Account`
 * "admin"). The documents put EventTime at the top, inside RoomInfo, or leave it out; RoomInfo's
 * CreateTime is in seconds. Older bodies carry the room id at the top level, beside RoomInfo.
 */
export const createRoomSchema = () =>
  z.pipe(
    z.looseObject({
      CallbackCommand: z.optional(z.string()),
      Operator_Account: z.optional(account),
      RoomId: z.optional(z.string()),
      RoomInfo: z.optional(z.extend(roomInfo(), { CreateTime: z.optional(integer), EventTime: z.optional(wholeNumber) })),
      EventTime: z.optional(wholeNumber),
    }),
    z.transform((room, ctx) => {
      const roomId = room.RoomInfo?.RoomId || room.RoomId;
      if (!roomId) {
        ctx.issues.push({ code: "custom", message: "required string is missing", path: ["RoomInfo", "RoomId"], input: room });
        return z.NEVER;
      }
      const createdAt = ms(room.RoomInfo?.CreateTime);
      /** The room's id wherever the body puts it; `createdAt` is RoomInfo.CreateTime in epoch ms. */
      return Object.assign(room, createdAt === undefined ? { roomId } : { roomId, createdAt }) as typeof room & { roomId: string; createdAt?: number };
    }),
  );
type CreateRoom = z.output<ReturnType<typeof createRoomSchema>>;

/** When the platform says: EventTime wherever it sits, else the room's own creation time. */
const when = (room: CreateRoom) => room.EventTime ?? room.RoomInfo?.EventTime ?? room.createdAt;

export const createRoom = defineCallback<"Live.CallbackAfterCreateRoom", CreateRoom, TencentEnvelope>({
  name: "Live.CallbackAfterCreateRoom",
  schema: createRoomSchema,
  // A room id can be created again once the room is gone: its time tells the two creations apart.
  dedupeId: (room) => {
    const at = when(room);
    return at === undefined ? composeId("Live.CallbackAfterCreateRoom", room.roomId) : composeId("Live.CallbackAfterCreateRoom", room.roomId, at);
  },
  eventTime: when,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A live room was created";

export function sample({ now, fresh, bareId }: SampleContext): Record<string, unknown> {
  const roomId = fresh("live_room_");
  return {
    Operator_Account: "admin",
    RoomInfo: {
      RoomId: roomId,
      RoomName: "Friday night PK",
      RoomType: "Live",
      Owner_Account: bareId(),
      MaxMemberCount: 10000,
      IsMessageDisabled: false,
      CustomInfo: "",
      IsSeatEnabled: true,
      TakeSeatMode: "ApplyToTake",
      MaxSeatCount: 9,
      CreateTime: Math.floor(now / 1000),
      IsPublicVisible: true,
      CoverURL: "https://example.com/cover.png",
      Category: [1, 3],
    },
    EventTime: now,
  };
}
