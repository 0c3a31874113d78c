// Compile-time checks (run by `npm run typecheck`, part of `npm test`): each business-logic handler
// sees its own callback's typed event, and a handler for a callback the function lacks is an error.
import { defineFunction } from "../../shared/function";
import { playerStatus, sud } from "../../shared/platforms/sud";
import { battleEnd, battleStart, createRoom, modifyAdmin, roomDestroyed, tencentLive } from "../../shared/platforms/tencent";
import { tencentCallbacks } from "../../shared/platforms/tencent/catalog";
import { sudCallbacks } from "../../shared/platforms/sud/catalog";
import { sessionLifecycle, yuanjing } from "../../shared/platforms/yuanjing";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T => true as T;

defineFunction({
  platform: tencentLive,
  callbacks: [battleStart, battleEnd, roomDestroyed],
  passUnknown: true,
  handlers: {
    "Live.CallbackAfterEndBattle": (event) => {
      assertType<Equals<typeof event.callback, "Live.CallbackAfterEndBattle">>();
      assertType<Equals<typeof event.data.endReason, "time_up" | "all_hosts_left" | "never_started" | "unknown">>();
      assertType<Equals<typeof event.data.FromRoomInfo.Owner_Account, string>>();
    },
    "Live.CallbackAfterStartBattle": (event) => {
      assertType<Equals<typeof event.data.Duration, number>>();
    },
    "Live.CallbackAfterDestroyRoom": (event) => {
      assertType<Equals<typeof event.data.Operator_Account, string | undefined>>();
    },
    unknown: (event) => {
      assertType<Equals<typeof event.data, unknown>>();
    },
  },
});

defineFunction({
  platform: tencentLive,
  callbacks: [battleStart],
  handlers: {
    // @ts-expect-error this function does not serve the battle-end command
    "Live.CallbackAfterEndBattle": () => undefined,
  },
});

// The whole Tencent catalog at the one URL: each command and each sub-event sees its own typed event.
defineFunction({
  platform: tencentLive,
  callbacks: tencentCallbacks,
  passUnknown: true,
  handlers: {
    "Live.CallbackAfterCreateRoom": (event) => {
      assertType<Equals<typeof event.callback, "Live.CallbackAfterCreateRoom">>();
      assertType<Equals<typeof event.data.roomId, string>>();
      assertType<Equals<typeof event.data.createdAt, number | undefined>>();
      assertType<Equals<NonNullable<typeof event.data.RoomInfo>["Owner_Account"], string | undefined>>();
      type SeatMode = NonNullable<typeof event.data.RoomInfo>["TakeSeatMode"];
      assertType<Equals<SeatMode, "None" | "FreeToTake" | "ApplyToTake" | (string & {}) | undefined>>();
    },
    "Live.CallbackAfterUpdateRoomInfo": (event) => {
      assertType<Equals<typeof event.data.RoomInfo.RoomId, string>>();
      assertType<Equals<typeof event.data.EventTime, number>>();
    },
    "Live.CallbackAfterSetMetadata": (event) => {
      assertType<Equals<(typeof event.data.Metadata)[number]["Value"], string>>();
    },
    "Live.CallbackAfterDelMetadata": (event) => {
      assertType<Equals<typeof event.data.Keys, string[]>>();
    },
    "Live.CallbackAfterCreateRoomReachingThreshold": (event) => {
      assertType<Equals<typeof event.data.CurRoomCount, number>>();
      assertType<Equals<typeof event.data.MaxRoomCount, number>>();
    },
    "Live.CallbackAfterMemberStateChanged": (event) => {
      assertType<Equals<typeof event.data.EventType, "Online" | "Offline" | (string & {})>>();
      assertType<Equals<typeof event.data.EventCause, "Enter" | "Leave" | "HeartbeatInterrupt" | "HeartbeatRecover" | "Kicked" | (string & {})>>();
      assertType<Equals<(typeof event.data.MemberList)[number]["Member_Account"], string>>();
    },
    "Live.CallbackAfterMemberStateChanged.Kicked": (event) => {
      assertType<Equals<typeof event.callback, "Live.CallbackAfterMemberStateChanged">>();
      assertType<Equals<typeof event.data.EventCause, "Kicked">>();
    },
    "Live.CallbackAfterChangeOwner": (event) => {
      assertType<Equals<typeof event.data.CurrentOwner_Account, string>>();
      assertType<Equals<typeof event.data.OriginalOwner_Account, string | undefined>>();
    },
    "Live.CallbackAfterModifyAdmin": (event) => {
      assertType<Equals<typeof event.data.operation, "add" | "delete" | (string & {})>>();
      assertType<Equals<typeof event.data.Admin_Account, string[]>>();
    },
    "Live.CallbackAfterModifyAdmin.delete": (event) => {
      assertType<Equals<typeof event.data.operation, "delete">>();
    },
    "Mic.CallbackAfterSeatInfoChanged": (event) => {
      assertType<Equals<(typeof event.data.SeatList)[number]["Member_Account"], string | undefined>>();
      assertType<Equals<(typeof event.data.SeatList)[number]["Index"], number>>();
    },
    "Live.CallbackAfterCreateBattle": (event) => {
      assertType<Equals<typeof event.data.ToRoomIdList, string[]>>();
      assertType<Equals<typeof event.data.Duration, number | undefined>>();
    },
    "Group.CallbackAfterSendMsg": (event) => {
      assertType<Equals<typeof event.data.From_Account, string>>();
      assertType<Equals<typeof event.data.EventTime, number | undefined>>();
      assertType<Equals<typeof event.data.sentAt, number | undefined>>();
      assertType<Equals<(typeof event.data.MsgBody)[number]["MsgType"], string>>();
    },
    "Group.CallbackAfterSendMsg.Live": (event) => {
      assertType<Equals<typeof event.data.Type, "Live">>();
    },
    "Follow.CallbackAfterFollowAdd": (event) => {
      assertType<Equals<typeof event.data.toAccounts, string[]>>();
    },
    "Follow.CallbackAfterFollowDelete": (event) => {
      assertType<Equals<typeof event.data.toAccounts, string[]>>();
      assertType<Equals<typeof event.data.From_Account, string>>();
    },
    "Live.CallbackAfterCloudRecordingChanged": (event) => {
      assertType<Equals<typeof event.data.EventType, number>>();
      assertType<Equals<typeof event.data.EventInfo.RoomId, string>>();
    },
    "Live.CallbackAfterCloudRecordingChanged.RECORDER_STOP": (event) => {
      assertType<Equals<typeof event.data.recordingEvent, "RECORDER_STOP">>();
    },
    "Live.CallbackAfterEndBattle.time_up": (event) => {
      assertType<Equals<typeof event.data.endReason, "time_up">>();
    },
    "Live.CallbackAfterDestroyRoom.DestroyBySystem": (event) => {
      assertType<Equals<typeof event.data.EventType, "DestroyBySystem">>();
    },
  },
});

defineFunction({
  platform: tencentLive,
  callbacks: [createRoom, modifyAdmin],
  handlers: {
    // @ts-expect-error a sub-event value the callback does not document
    "Live.CallbackAfterModifyAdmin.promote": () => undefined,
  },
});

defineFunction({
  platform: tencentLive,
  callbacks: [createRoom, modifyAdmin],
  handlers: {
    // @ts-expect-error CreateRoom has no sub-events
    "Live.CallbackAfterCreateRoom.Live": () => undefined,
  },
});

defineFunction({
  platform: sud,
  callbacks: [playerStatus],
  handlers: {
    "sud.mg.merchant.player.status": (event) => {
      assertType<Equals<typeof event.data.mg_id, string>>();
      assertType<Equals<NonNullable<typeof event.data.hosting>[number], { uid: string; managed: boolean }>>();
    },
  },
});

defineFunction({
  platform: yuanjing,
  callbacks: [sessionLifecycle],
  handlers: {
    "alibaba.fc.cloud.rendering.sessionlifecyclenotify": (event) => {
      assertType<Equals<typeof event.data.time, number>>();
      assertType<Equals<typeof event.data.game_session_id, string>>();
    },
  },
});

// Every SUD notification at the one notify URL: each handler sees its own event, a sub-event handler its
// discriminator narrowed, and sub-events the catalog does not document are no handler names.
defineFunction({
  platform: sud,
  callbacks: sudCallbacks,
  passUnknown: true,
  handlers: {
    "sud.mg.merchant.room.users.changed": (event) => {
      assertType<Equals<typeof event.callback, "sud.mg.merchant.room.users.changed">>();
      assertType<Equals<typeof event.data.player_total, number>>();
      assertType<Equals<typeof event.data.changedAt, number | undefined>>();
    },
    "sud.mg.merchant.order.changed": (event) => {
      assertType<Equals<typeof event.data.from_uid, string>>();
      assertType<Equals<typeof event.data.game_round_id, string | undefined>>();
      assertType<Equals<typeof event.data.value, number | undefined>>();
      // Documented statuses are offered; others still type as strings.
      const status: typeof event.data.status = "REFUNDED";
      assertType<"EXECUTE_SUCCESS" extends typeof event.data.status ? true : false>();
      void status;
    },
    "sud.mg.merchant.order.changed.EXECUTE_SUCCESS": (event) => {
      assertType<Equals<typeof event.data.status, "EXECUTE_SUCCESS">>();
      assertType<Equals<typeof event.data.order_id, string>>();
    },
    "sud.mg.merchant.order.changed.CREATED": (event) => {
      assertType<Equals<typeof event.data.status, "CREATED">>();
    },
    "sud.mg.merchant.order.batch.changed": (event) => {
      assertType<Equals<(typeof event.data.orders)[number]["value"], number>>();
      assertType<Equals<(typeof event.data.orders)[number]["to_uid"], string>>();
    },
    "sud.mg.merchant.bid.result": (event) => {
      const bid = event.data.player_bids[0]!;
      assertType<Equals<typeof bid.succeeded, boolean>>();
      assertType<Equals<typeof bid.role, "werewolf" | "villager" | "prophet" | "witch" | "hunter" | "guard" | "unknown" | undefined>>();
    },
    "sud.mg.merchant.user.settle": (event) => {
      assertType<Equals<typeof event.data.settledAt, number | undefined>>();
      assertType<Equals<(typeof event.data.results)[number]["ai"], boolean>>();
      assertType<Equals<(typeof event.data.results)[number]["order_id"], string>>();
      assertType<Equals<(typeof event.data.results)[number]["commission_score"], number | undefined>>();
    },
    "sud.mg.merchant.match.start": (event) => {
      assertType<Equals<typeof event.data.match_id, string>>();
      assertType<Equals<typeof event.data.startedAt, number | undefined>>();
    },
    "sud.mg.merchant.match.settle": (event) => {
      assertType<Equals<typeof event.data.endedAt, number | undefined>>();
      assertType<Equals<typeof event.data.durationMs, number | undefined>>();
      assertType<Equals<(typeof event.data.results)[number]["score"], number>>();
    },
    "sud.mg.merchant.room.game.rule": (event) => {
      assertType<Equals<typeof event.data.ruleValue, unknown>>();
    },
    "sud.mg.merchant.auth.room.changed": (event) => {
      assertType<Equals<typeof event.data.auth_secret, string>>();
    },
    "sud.mg.merchant.auth.room.changed.CLOSE": (event) => {
      assertType<Equals<typeof event.data.status, "CLOSE">>();
    },
    "sud.mg.merchant.match.user.changed": (event) => {
      assertType<Equals<typeof event.data.user_ids, string[]>>();
    },
    "sud.mg.merchant.match.status.changed.MATCH_SUCCESS": (event) => {
      assertType<Equals<typeof event.data.status, "MATCH_SUCCESS">>();
      assertType<Equals<typeof event.data.match_room_id, string | undefined>>();
    },
    "sud.mg.merchant.game.process": (event) => {
      assertType<Equals<typeof event.data.game_round_id, string>>();
      assertType<Equals<(typeof event.data.players)[number]["uid"], string>>();
    },
    "sud.mg.merchant.game.process.chess_end": (event) => {
      assertType<Equals<typeof event.data.event, "chess_end">>();
    },
    "sud.mg.merchant.player.status.manage_status": (event) => {
      assertType<Equals<typeof event.data.event, "manage_status">>();
      assertType<Equals<NonNullable<typeof event.data.hosting>[number]["managed"], boolean>>();
    },
    "sud.mg.merchant.game.player.connect.status": (event) => {
      assertType<Equals<typeof event.data.connection, "offline" | "online" | "unknown">>();
      assertType<Equals<typeof event.data.player.offlineAt, number | undefined>>();
      assertType<Equals<typeof event.data.player.offline_seconds, number>>();
    },
    "sud.mg.merchant.game.player.connect.status.offline": (event) => {
      assertType<Equals<typeof event.data.connection, "offline">>();
    },
    "sud.mg.merchant.room.seat.changed": (event) => {
      assertType<Equals<(typeof event.data.seat_changed)[number]["change"], "sit_down" | "stand_up" | "ready" | "cancel_ready" | "unknown">>();
      assertType<Equals<NonNullable<typeof event.data.seat_players>[number]["seat_index"], number>>();
    },
    "sud.mg.merchant.player.draw.image": (event) => {
      assertType<Equals<typeof event.data.image_data, string>>();
      assertType<Equals<typeof event.data.imageMimeType, string | undefined>>();
      assertType<Equals<typeof event.data.imageDataStart, number>>();
      assertType<Equals<typeof event.data.drawnAt, number | undefined>>();
    },
    "sud.mg.merchant.bullet.game.settle": (event) => {
      assertType<Equals<typeof event.data.room_id, string | undefined>>();
      assertType<Equals<typeof event.data.anything, unknown>>();
    },
    "sud.mg.merchant.llm.ai.create.result": (event) => {
      assertType<Equals<typeof event.data.succeeded, boolean>>();
    },
    "sud.mg.merchant.llm.game.situation.summary": (event) => {
      assertType<Equals<typeof event.data.situation_summary, string>>();
    },
    // @ts-expect-error game_end is no documented game.process event: subscribe to the callback and read data.event
    "sud.mg.merchant.game.process.game_end": () => undefined,
  },
});
