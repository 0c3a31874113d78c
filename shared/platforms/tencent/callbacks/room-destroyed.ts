import * as z from "zod/mini";
import { defineCallback, lazy, type SampleContext, type SubEvents } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { account, integer, requiredId, word } from "./fields";
import { roomInfo } from "./room-info";

/** Who dissolved the room: its owner, or the system once the room was empty. */
export const DESTROY_TYPES = ["DestroyByUser", "DestroyBySystem"] as const;

const statistic = lazy(() =>
  z.looseObject({
    TotalViewers: z.optional(integer),
    TotalGiftsSent: z.optional(integer),
    TotalGiftCoins: z.optional(integer),
    TotalUniqueGiftSenders: z.optional(integer),
    TotalLikesReceived: z.optional(integer),
  }),
);

/**
 * `Live.CallbackAfterDestroyRoom`: a room was dissolved. Older payloads have neither RoomInfo nor
 * Statistic; system destroys come from `@TIM#SYSTEM` with EventType DestroyBySystem.
 */
export const roomDestroyedSchema = () =>
  z.looseObject({
    CallbackCommand: z.optional(z.string()),
    RoomId: requiredId,
    Operator_Account: z.optional(account),
    /** "DestroyByUser" | "DestroyBySystem"; other values are passed on as they come. */
    EventType: z.optional(word(DESTROY_TYPES)),
    EventTime: integer,
    RoomInfo: z.optional(roomInfo()),
    Statistic: z.optional(statistic()),
  });

export const roomDestroyed = defineCallback<
  "Live.CallbackAfterDestroyRoom",
  z.output<ReturnType<typeof roomDestroyedSchema>>,
  TencentEnvelope,
  SubEvents<"EventType", (typeof DESTROY_TYPES)[number]>
>({
  name: "Live.CallbackAfterDestroyRoom",
  schema: roomDestroyedSchema,
  dedupeId: (data) => composeId("Live.CallbackAfterDestroyRoom", data.RoomId, data.EventTime),
  eventTime: (data) => data.EventTime,
  subEvents: { field: "EventType", values: DESTROY_TYPES },
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A live room was dissolved, by its owner or the system";

export function sample({ now, fresh }: SampleContext): Record<string, unknown> {
  return {
    RoomId: fresh("live_room_"),
    Operator_Account: "host_1001",
    EventType: "DestroyByUser",
    EventTime: now,
    RoomInfo: {
      RoomName: "Friday night PK",
      RoomType: "Live",
      Owner_Account: "host_1001",
      IsSeatEnabled: true,
      TakeSeatMode: "ApplyToTake",
      MaxMemberCount: 10000,
      MaxSeatCount: 9,
      Category: [1, 3],
      CustomInfo: "",
      IsMessageDisabled: false,
      CoverURL: "https://example.com/cover.png",
      ActivityStatus: 0,
      IsPublicVisible: true,
      ViewCount: 1520,
      BackgroundURL: "",
      IsUnlimitedRoomEnabled: false,
    },
    Statistic: { TotalViewers: 1520, TotalGiftsSent: 87, TotalGiftCoins: 4350, TotalUniqueGiftSenders: 23, TotalLikesReceived: 9800 },
  };
}
