import { defineFunction } from "../../shared/function";
import { playerStatus, sud } from "../../shared/platforms/sud";

/** `sud.mg.merchant.player.status` only: a player's status changed (manage_status: hosting on or off). */
export const handler = defineFunction({
  platform: sud,
  callbacks: [playerStatus],
  // Business logic goes here; the event is also written as one JSON log line. Throwing makes SUD retry.
  handlers: {
    // "sud.mg.merchant.player.status": async (event) => { ... event.data.hosting ... },
  },
});
