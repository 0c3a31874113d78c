import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { account, requiredId, wholeNumber } from "./fields";

/**
 * `Live.CallbackAfterDelMetadata`: room metadata keys were deleted. Its page's table names the
 * command `Live.CallbackAfterSetMetadata`, another callback's name, so that is no alias here.
 */
export const delMetadataSchema = () =>
  z.looseObject({
    CallbackCommand: z.optional(z.string()),
    Operator_Account: z.optional(account),
    RoomId: requiredId,
    Keys: z.array(z.string()),
    EventTime: wholeNumber,
  });

export const delMetadata = defineCallback<"Live.CallbackAfterDelMetadata", z.output<ReturnType<typeof delMetadataSchema>>, TencentEnvelope>({
  name: "Live.CallbackAfterDelMetadata",
  schema: delMetadataSchema,
  dedupeId: (data) => composeId("Live.CallbackAfterDelMetadata", data.RoomId, data.EventTime),
  eventTime: (data) => data.EventTime,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "Room metadata keys were deleted";

export function sample({ now, fresh }: SampleContext): Record<string, unknown> {
  return { Operator_Account: "host_1001", RoomId: fresh("live_room_"), Keys: ["pk_status"], EventTime: now };
}
