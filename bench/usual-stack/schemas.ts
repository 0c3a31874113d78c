// The product's schemas written the usual way: the full `zod` import, equivalent field for field to
// shared/platforms/**/callbacks (loose objects, ids as strings, the same transforms).
import { z } from "zod";

// JSONStringified parses with JSON.parse, so an 18-digit bare account arrives rounded: accepting any number
// is what keeps the usual stack answering at all (it then passes the rounded digits on, silently).
const account = z.union([z.string(), z.number()]).transform((v) => String(v));
const battleRoom = z.looseObject({ RoomId: z.string(), Owner_Account: account });
const scoredRoom = z.looseObject({ RoomId: z.string(), Owner_Account: account, Score: z.int().optional() });

export const battleStart = z.looseObject({
  CallbackCommand: z.string().optional(),
  BattleId: z.string().min(1),
  Duration: z.int(),
  CreateTime: z.int(),
  StartTime: z.int(),
  FromRoomInfo: battleRoom,
  ToRoomList: z.array(battleRoom),
  EventTime: z.int(),
});

const END_REASONS: Record<number, string> = { 0: "time_up", 1: "all_hosts_left", 2: "never_started" };
export const battleEnd = z
  .looseObject({
    CallbackCommand: z.string().optional(),
    BattleId: z.string().min(1),
    Duration: z.int(),
    CreateTime: z.int(),
    StartTime: z.int(),
    EndTime: z.int(),
    OpType: z.int(),
    FromRoomInfo: scoredRoom,
    ToRoomList: z.array(scoredRoom),
    EventTime: z.int(),
  })
  .transform((b) => ({ ...b, endReason: END_REASONS[b.OpType] ?? "unknown" }));

export const roomDestroyed = z.looseObject({
  CallbackCommand: z.string().optional(),
  RoomId: z.string().min(1),
  Operator_Account: account.optional(),
  EventType: z.string().optional(),
  EventTime: z.int(),
  RoomInfo: z
    .looseObject({
      RoomId: z.string().optional(),
      RoomName: z.string().optional(),
      RoomType: z.string().optional(),
      Owner_Account: account.optional(),
      IsSeatEnabled: z.boolean().optional(),
      TakeSeatMode: z.string().optional(),
      MaxMemberCount: z.int().optional(),
      MaxSeatCount: z.int().optional(),
      Category: z.array(z.int()).optional(),
      CustomInfo: z.string().optional(),
      IsMessageDisabled: z.boolean().optional(),
      CoverURL: z.string().optional(),
      ActivityStatus: z.int().optional(),
      IsPublicVisible: z.boolean().optional(),
      ViewCount: z.int().optional(),
      BackgroundURL: z.string().optional(),
      IsUnlimitedRoomEnabled: z.boolean().optional(),
    })
    .optional(),
  Statistic: z
    .looseObject({
      TotalViewers: z.int().optional(),
      TotalGiftsSent: z.int().optional(),
      TotalGiftCoins: z.int().optional(),
      TotalUniqueGiftSenders: z.int().optional(),
      TotalLikesReceived: z.int().optional(),
    })
    .optional(),
});

const idString = z.union([z.string(), z.int(), z.bigint()]).transform((v) => String(v));
const player = z.looseObject({
  uid: idString,
  type: z.string().optional(),
  timestamp: idString,
  payload: z.looseObject({ is_managed: z.union([z.literal(0), z.literal(1)]).optional() }).optional(),
});
const playerStatus = z
  .looseObject({
    mg_id: idString,
    room_id: idString,
    game_round_id: z.string().optional(),
    event: z.string().min(1),
    players: z.array(player),
    payload: z.looseObject({}).optional(),
  })
  .transform((s) => ({
    ...s,
    hosting: s.event === "manage_status" ? s.players.flatMap((p) => (p.payload?.is_managed === undefined ? [] : [{ uid: p.uid, managed: p.payload.is_managed === 1 }])) : undefined,
  }));

export const sudNotify = z.looseObject({
  notify_id: z.string().min(1),
  notify_time: idString,
  app_id: idString.optional(),
  notify_event: z.string().min(1),
  data: playerStatus,
});

const text = z.union([z.string(), z.number(), z.bigint()]).transform((v) => String(v));
const requiredText = text.pipe(z.string().min(1));
const numeric = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform((v) => Number(v));
const sessionLifecycle = z.looseObject({
  service_name: text.optional(),
  action: requiredText,
  message_type: requiredText,
  project_id: requiredText,
  account_id: requiredText,
  game_session_id: requiredText,
  game_id: requiredText,
  time: numeric,
  scheduled_time: numeric.optional(),
  user_start_time: numeric.optional(),
  session_stop_time: numeric.optional(),
  session_status: text.optional(),
  tags: text.optional(),
  device_type: text.optional(),
  resource_level: numeric.optional(),
});

export const yuanjingRequest = z.looseObject({
  fc_group: z.string().default("fc-dg-common"),
  fc_name: z.string().default("cg"),
  request_param: z.union([z.string().transform((s) => JSON.parse(s) as unknown).pipe(sessionLifecycle), sessionLifecycle]),
});
