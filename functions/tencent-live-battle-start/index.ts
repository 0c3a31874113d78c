import { defineFunction } from "../../shared/function";
import { battleStart, tencentLive } from "../../shared/platforms/tencent";

/** `Live.CallbackAfterStartBattle`: a PK battle started. Other commands are refused. */
export const handler = defineFunction({
  platform: tencentLive,
  callbacks: [battleStart],
  // Business logic goes here; the event is also written as one JSON log line.
  handlers: {
    // "Live.CallbackAfterStartBattle": async (event) => { ... },
  },
});
