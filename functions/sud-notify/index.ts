import { defineFunction } from "../../shared/function";
import { playerStatus, sud } from "../../shared/platforms/sud";

/** Every SUD notify event at the app's one notify URL; events without a schema pass on as generic events. */
export const handler = defineFunction({
  platform: sud,
  callbacks: [playerStatus],
  passUnknown: true,
  // Business logic goes here: one typed function per notify_event (`unknown` for the rest). Each
  // event is also written as one JSON log line. Throwing makes SUD retry later.
  handlers: {
    // "sud.mg.merchant.player.status": async (event) => { for (const p of event.data.hosting ?? []) { ... } },
  },
});
