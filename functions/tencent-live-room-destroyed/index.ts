import { defineFunction } from "../../shared/function";
import { roomDestroyed, tencentLive } from "../../shared/platforms/tencent";

/** `Live.CallbackAfterDestroyRoom`: a live room was dissolved. Other commands are refused. */
export const handler = defineFunction({
  platform: tencentLive,
  callbacks: [roomDestroyed],
  // Business logic goes here; the event is also written as one JSON log line.
  handlers: {
    // "Live.CallbackAfterDestroyRoom": async (event) => { ... },
  },
});
