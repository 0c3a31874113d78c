import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { account, requiredId, wholeNumber } from "./fields";

/** `Live.CallbackAfterSetMetadata`: room metadata keys were set (at most 10 keys, values up to 2 KB each). */
export const setMetadataSchema = () =>
  z.looseObject({
    CallbackCommand: z.optional(z.string()),
    Operator_Account: z.optional(account),
    RoomId: requiredId,
    Metadata: z.array(z.looseObject({ Key: z.string(), Value: z.string() })),
    EventTime: wholeNumber,
  });

export const setMetadata = defineCallback<"Live.CallbackAfterSetMetadata", z.output<ReturnType<typeof setMetadataSchema>>, TencentEnvelope>({
  name: "Live.CallbackAfterSetMetadata",
  schema: setMetadataSchema,
  dedupeId: (data) => composeId("Live.CallbackAfterSetMetadata", data.RoomId, data.EventTime),
  eventTime: (data) => data.EventTime,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "Room metadata keys were set";

export function sample({ now, fresh }: SampleContext): Record<string, unknown> {
  return {
    Operator_Account: "host_1001",
    RoomId: fresh("live_room_"),
    Metadata: [
      { Key: "pk_status", Value: "waiting" },
      { Key: "notice", Value: "Welcome to the show" },
    ],
    EventTime: now,
  };
}
