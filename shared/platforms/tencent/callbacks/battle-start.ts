import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { battleFields, battleRoom, integer } from "./fields";

/** `Live.CallbackAfterStartBattle`: a PK battle started. Duration and EventTime in ms, the other times in s. */
export const battleStartSchema = () =>
  z.looseObject({
    ...battleFields(),
    FromRoomInfo: battleRoom(),
    ToRoomList: z.array(battleRoom()),
    EventTime: integer,
  });

export const battleStart = defineCallback<"Live.CallbackAfterStartBattle", z.output<ReturnType<typeof battleStartSchema>>, TencentEnvelope>({
  name: "Live.CallbackAfterStartBattle",
  schema: battleStartSchema,
  // A battle starts once: its id names the event, so a retried callback carries the same one.
  dedupeId: (data) => composeId("Live.CallbackAfterStartBattle", data.BattleId),
  eventTime: (data) => data.EventTime,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A PK battle between rooms started";

export function sample({ now, fresh, bareId }: SampleContext): Record<string, unknown> {
  return {
    // Battle ids are base64-like and contain `/+=`.
    BattleId: `${fresh("4siHsN/+")}=`,
    Duration: 300000,
    CreateTime: Math.floor(now / 1000) - 3,
    StartTime: Math.floor(now / 1000),
    FromRoomInfo: { RoomId: "live_room_1001", Owner_Account: "host_1001" },
    ToRoomList: [{ RoomId: "live_room_2002", Owner_Account: bareId() }],
    EventTime: now,
  };
}
