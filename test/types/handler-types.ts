// Compile-time checks (run by `npm run typecheck`, part of `npm test`): each business-logic handler
// sees its own callback's typed event, and a handler for a callback the function lacks is an error.
import { defineFunction } from "../../shared/function";
import { playerStatus, sud } from "../../shared/platforms/sud";
import { battleEnd, battleStart, roomDestroyed, tencentLive } from "../../shared/platforms/tencent";
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
