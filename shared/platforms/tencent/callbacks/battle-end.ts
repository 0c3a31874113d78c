import * as z from "zod/mini";
import { defineCallback, type SampleContext, type SubEvents } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { battleFields, integer, scoredBattleRoom } from "./fields";

/** What `OpType` says about how the battle ended. */
export const BATTLE_END_REASONS = {
  0: "time_up",
  1: "all_hosts_left",
  2: "never_started",
} as const;
const END_REASONS = Object.values(BATTLE_END_REASONS);
export type BattleEndReason = (typeof BATTLE_END_REASONS)[keyof typeof BATTLE_END_REASONS] | "unknown";

/** `Live.CallbackAfterEndBattle`: a battle ended. There is no winner field; the scores tell. */
export const battleEndSchema = () =>
  z.pipe(
    z.looseObject({
      ...battleFields(),
      EndTime: integer,
      OpType: integer,
      FromRoomInfo: scoredBattleRoom(),
      ToRoomList: z.array(scoredBattleRoom()),
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

export const battleEnd = defineCallback<
  "Live.CallbackAfterEndBattle",
  z.output<ReturnType<typeof battleEndSchema>>,
  TencentEnvelope,
  SubEvents<"endReason", (typeof BATTLE_END_REASONS)[keyof typeof BATTLE_END_REASONS]>
>({
  name: "Live.CallbackAfterEndBattle",
  schema: battleEndSchema,
  dedupeId: (data) => composeId("Live.CallbackAfterEndBattle", data.BattleId),
  eventTime: (data) => data.EventTime,
  subEvents: { field: "endReason", values: END_REASONS },
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A PK battle ended; the scores tell the winner";

export function sample({ now, fresh, bareId }: SampleContext): Record<string, unknown> {
  const seconds = Math.floor(now / 1000);
  return {
    // Battle ids are base64-like and contain `/+=`.
    BattleId: `${fresh("4siHsN/+")}=`,
    Duration: 300000,
    CreateTime: seconds - 305,
    StartTime: seconds - 300,
    EndTime: seconds,
    OpType: 0,
    FromRoomInfo: { RoomId: "live_room_1001", Owner_Account: "host_1001", Score: 1280 },
    ToRoomList: [{ RoomId: "live_room_2002", Owner_Account: bareId(), Score: 960 }],
    EventTime: now,
  };
}
