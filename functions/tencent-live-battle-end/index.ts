import { defineFunction } from "../../shared/function";
import { battleEnd, tencentLive } from "../../shared/platforms/tencent";

/** `Live.CallbackAfterEndBattle`: a PK battle ended (event.data.endReason tells how). Other commands are refused. */
export const handler = defineFunction({
  platform: tencentLive,
  callbacks: [battleEnd],
  // Business logic goes here; the event is also written as one JSON log line.
  handlers: {
    // "Live.CallbackAfterEndBattle": async (event) => { ... },
  },
});
