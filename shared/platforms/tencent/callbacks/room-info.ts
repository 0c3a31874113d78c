import * as z from "zod/mini";
import { lazy } from "../../../core/callback";
import { account, integer, word } from "./fields";

export const TAKE_SEAT_MODES = ["None", "FreeToTake", "ApplyToTake"] as const;

/**
 * A room's details as the room callbacks send them. Every field optional: older rooms lack some,
 * and UpdateRoomInfo may send only what changed.
 */
export const roomInfo = lazy(() =>
  z.looseObject({
    RoomId: z.optional(z.string()),
    RoomName: z.optional(z.string()),
    RoomType: z.optional(z.string()),
    Owner_Account: z.optional(account),
    IsSeatEnabled: z.optional(z.boolean()),
    TakeSeatMode: z.optional(word(TAKE_SEAT_MODES)),
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
  }),
);
