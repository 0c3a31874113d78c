// Compile-time checks (run by `npm run typecheck`, part of `npm test`): each business-logic handler
// sees its own callback's typed event, and a handler for a callback the function lacks is an error.
import { defineFunction } from "../../shared/function";
import { playerStatus, sud } from "../../shared/platforms/sud";
import { battleEnd, battleStart, createRoom, modifyAdmin, roomDestroyed, tencentLive } from "../../shared/platforms/tencent";
import { tencentCallbacks } from "../../shared/platforms/tencent/catalog";
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
