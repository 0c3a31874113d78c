import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { account, requiredId, wholeNumber } from "./fields";

/** `Live.CallbackAfterChangeOwner`: a room passed to a new owner, by a client or by REST. */
export const changeOwnerSchema = () =>
  z.looseObject({
    CallbackCommand: z.optional(z.string()),
    RoomId: requiredId,
    /** In the sample, not in the table. */
    Operator_Account: z.optional(account),
    CurrentOwner_Account: account,
    OriginalOwner_Account: z.optional(account),
    EventTime: wholeNumber,
  });

export const changeOwner = defineCallback<"Live.CallbackAfterChangeOwner", z.output<ReturnType<typeof changeOwnerSchema>>, TencentEnvelope>({
  name: "Live.CallbackAfterChangeOwner",
  schema: changeOwnerSchema,
  dedupeId: (data) => composeId("Live.CallbackAfterChangeOwner", data.RoomId, data.EventTime, data.CurrentOwner_Account),
  eventTime: (data) => data.EventTime,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A live room passed to a new owner";

export function sample({ now, fresh, bareId }: SampleContext): Record<string, unknown> {
  return {
    RoomId: fresh("live_room_"),
    EventTime: now,
    Operator_Account: "admin",
    CurrentOwner_Account: bareId(),
    OriginalOwner_Account: "host_1001",
  };
}
