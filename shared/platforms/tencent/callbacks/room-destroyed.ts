import * as z from "zod/mini";
import { defineCallback } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { account, integer } from "./fields";

/** Room details sent with newer payloads; every field optional, since older rooms lack some. */
const roomInfo = z.looseObject({
  RoomId: z.optional(z.string()),
  RoomName: z.optional(z.string()),
  RoomType: z.optional(z.string()),
  Owner_Account: z.optional(account),
  IsSeatEnabled: z.optional(z.boolean()),
  TakeSeatMode: z.optional(z.string()),
  MaxMemberCount: z.optional(integer),
  MaxSeatCount: z.optional(integer),
  Category: z.optional(z.array(integer)),
  CustomInfo: z.optional(z.string()),
  IsMessageDisabled: z.optional(z.boolean()),
  CoverURL: z.optional(z.string()),
  ActivityStatus: z.optional(integer),
  IsPublicVisible: z.optional(z.boolean()),
  ViewCount: z.optional(integer),
  BackgroundURL: z.optional(z.string()),
  IsUnlimitedRoomEnabled: z.optional(z.boolean()),
});

const statistic = z.looseObject({
  TotalViewers: z.optional(integer),
  TotalGiftsSent: z.optional(integer),
  TotalGiftCoins: z.optional(integer),
  TotalUniqueGiftSenders: z.optional(integer),
  TotalLikesReceived: z.optional(integer),
});

/**
 * `Live.CallbackAfterDestroyRoom`: a room was dissolved. Older payloads have neither RoomInfo nor
 * Statistic; system destroys come from `@TIM#SYSTEM` with EventType DestroyBySystem.
 */
export const roomDestroyedSchema = z.looseObject({
  CallbackCommand: z.optional(z.string()),
  RoomId: z.string().check(z.minLength(1)),
  Operator_Account: z.optional(account),
  /** "DestroyByUser" | "DestroyBySystem"; other values are passed on as they come. */
  EventType: z.optional(z.string()),
  EventTime: integer,
  RoomInfo: z.optional(roomInfo),
  Statistic: z.optional(statistic),
});

export const roomDestroyed = defineCallback<"Live.CallbackAfterDestroyRoom", z.output<typeof roomDestroyedSchema>, TencentEnvelope>({
  name: "Live.CallbackAfterDestroyRoom",
  description: "A live room was dissolved, by its owner or the system",
  schema: roomDestroyedSchema,
  dedupeId: (data) => composeId("Live.CallbackAfterDestroyRoom", data.RoomId, data.EventTime),
  eventTime: (data) => data.EventTime,
});
