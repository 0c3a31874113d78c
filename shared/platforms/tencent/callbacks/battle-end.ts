import * as z from "zod/mini";
import { defineCallback } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { integer, scoredBattleRoom } from "./fields";

/** What `OpType` says about how the battle ended. */
export const BATTLE_END_REASONS = {
  0: "time_up",
  1: "all_hosts_left",
  2: "never_started",
} as const;
export type BattleEndReason = (typeof BATTLE_END_REASONS)[keyof typeof BATTLE_END_REASONS] | "unknown";

/** `Live.CallbackAfterEndBattle`: a battle ended. There is no winner field; the scores tell. */
export const battleEndSchema = z.pipe(
  z.looseObject({
    CallbackCommand: z.optional(z.string()),
    BattleId: z.string().check(z.minLength(1)),
    Duration: integer,
    CreateTime: integer,
    StartTime: integer,
    EndTime: integer,
    OpType: integer,
    FromRoomInfo: scoredBattleRoom,
    ToRoomList: z.array(scoredBattleRoom),
    EventTime: integer,
  }),
  // Adds to the object zod just built rather than copying it.
  z.transform((battle) =>
    Object.assign(battle, {
      /** OpType in words: 0 time up, 1 every host left, 2 created but never started. */
      endReason: (BATTLE_END_REASONS[battle.OpType as keyof typeof BATTLE_END_REASONS] ?? "unknown") as BattleEndReason,
    }),
  ),
);

export const battleEnd = defineCallback<"Live.CallbackAfterEndBattle", z.output<typeof battleEndSchema>, TencentEnvelope>({
  name: "Live.CallbackAfterEndBattle",
  description: "A PK battle ended; the scores tell the winner",
  schema: battleEndSchema,
  dedupeId: (data) => composeId("Live.CallbackAfterEndBattle", data.BattleId),
  eventTime: (data) => data.EventTime,
});
