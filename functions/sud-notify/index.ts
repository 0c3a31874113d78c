import { defineFunction } from "../../shared/function";
import { sud } from "../../shared/platforms/sud";
import { sudCallbacks } from "../../shared/platforms/sud/catalog";

/** Every SUD notify event at the app's one notify URL, each typed; events SUD adds later pass on as generic events. */
export const handler = defineFunction({
  platform: sud,
  callbacks: sudCallbacks,
  passUnknown: true,
  // Business logic goes here: one typed function per notify_event, or per sub-event such as
  // "sud.mg.merchant.order.changed.EXECUTE_SUCCESS" (`unknown` for the rest). Each event is also
  // written as one JSON log line. Throwing makes SUD retry later.
  handlers: {
    // "sud.mg.merchant.player.status": async (event) => { for (const p of event.data.hosting ?? []) { ... } },
    // "sud.mg.merchant.match.settle": async (event) => { ... event.data.results, event.data.endedAt ... },
  },
});
