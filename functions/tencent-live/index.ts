import { defineFunction } from "../../shared/function";
import { tencentLive } from "../../shared/platforms/tencent";
import { tencentCallbacks } from "../../shared/platforms/tencent/catalog";

/** Every Tencent Live command at the app's one callback URL; commands without a schema pass on as generic events. */
export const handler = defineFunction({
  platform: tencentLive,
  callbacks: tencentCallbacks,
  passUnknown: true,
  // Business logic goes here: one typed function per command, or per sub-event such as
  // "Live.CallbackAfterMemberStateChanged.Enter" (`unknown` for the rest). Each event is also
  // written as one JSON log line. Throwing makes the platform see a failure.
  handlers: {
    // "Live.CallbackAfterEndBattle": async (event) => { if (event.data.endReason === "time_up") { ... } },
  },
});
