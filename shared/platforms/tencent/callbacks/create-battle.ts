import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { account, integer, requiredId, wholeNumber } from "./fields";

/**
 * `Live.CallbackAfterCreateBattle`: a PK battle was proposed. `Timeout` (how long callees have to
 * answer when NeedResponse) and `Duration` are in ms; it starts at once when NeedResponse is false.
 */
export const createBattleSchema = () =>
  z.looseObject({
    CallbackCommand: z.optional(z.string()),
    Operator_Account: z.optional(account),
    BattleId: requiredId,
    FromRoomId: requiredId,
    ToRoomIdList: z.array(z.string()),
    Timeout: z.optional(integer),
    Duration: z.optional(integer),
    NeedResponse: z.optional(z.boolean()),
    ExtensionInfo: z.optional(z.string()),
    EventTime: z.optional(wholeNumber),
  });

export const createBattle = defineCallback<"Live.CallbackAfterCreateBattle", z.output<ReturnType<typeof createBattleSchema>>, TencentEnvelope>({
  name: "Live.CallbackAfterCreateBattle",
  schema: createBattleSchema,
  // A battle is created once: its id alone names the event.
  dedupeId: (data) => composeId("Live.CallbackAfterCreateBattle", data.BattleId),
  eventTime: (data) => data.EventTime,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A PK battle between rooms was created";

export function sample({ now, fresh }: SampleContext): Record<string, unknown> {
  return {
    Operator_Account: "host_1001",
    // Battle ids are base64-like and contain `/+=`.
    BattleId: `${fresh("4siHsN/+")}=`,
    FromRoomId: "live_room_1001",
    ToRoomIdList: ["live_room_2002"],
    Timeout: 30000,
    Duration: 300000,
    NeedResponse: true,
    ExtensionInfo: "",
    EventTime: now,
  };
}
