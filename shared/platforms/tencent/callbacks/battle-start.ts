import * as z from "zod/mini";
import { defineCallback } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { battleRoom, integer } from "./fields";

/** `Live.CallbackAfterStartBattle`: a PK battle started. Duration and EventTime in ms, the other times in s. */
export const battleStartSchema = z.looseObject({
  CallbackCommand: z.optional(z.string()),
  BattleId: z.string().check(z.minLength(1)),
  Duration: integer,
  CreateTime: integer,
  StartTime: integer,
  FromRoomInfo: battleRoom,
  ToRoomList: z.array(battleRoom),
  EventTime: integer,
});

export const battleStart = defineCallback<"Live.CallbackAfterStartBattle", z.output<typeof battleStartSchema>, TencentEnvelope>({
  name: "Live.CallbackAfterStartBattle",
  description: "A PK battle between rooms started",
  schema: battleStartSchema,
  // A battle starts once: its id names the event, so a retried callback carries the same one.
  dedupeId: (data) => composeId("Live.CallbackAfterStartBattle", data.BattleId),
  eventTime: (data) => data.EventTime,
});
