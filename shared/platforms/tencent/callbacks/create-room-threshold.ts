import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { account, wholeNumber } from "./fields";

/**
 * `Live.CallbackAfterCreateRoomReachingThreshold`: a room creation brought the app's room count to
 * 70% of its limit. The table types the counts "String" and "Array"; the samples send integers.
 */
export const createRoomThresholdSchema = () =>
  z.looseObject({
    CallbackCommand: z.optional(z.string()),
    /** Who created the room that reached the threshold. */
    Operator_Account: z.optional(account),
    CurRoomCount: wholeNumber,
    MaxRoomCount: wholeNumber,
    EventTime: wholeNumber,
  });

export const createRoomThreshold = defineCallback<"Live.CallbackAfterCreateRoomReachingThreshold", z.output<ReturnType<typeof createRoomThresholdSchema>>, TencentEnvelope>({
  name: "Live.CallbackAfterCreateRoomReachingThreshold",
  schema: createRoomThresholdSchema,
  // Each creation above the threshold may warn again: the count reached names the warning.
  dedupeId: (data) => composeId("Live.CallbackAfterCreateRoomReachingThreshold", data.EventTime, data.CurRoomCount),
  eventTime: (data) => data.EventTime,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "The app's room count reached 70% of its limit";

export function sample({ now, fresh }: SampleContext): Record<string, unknown> {
  // No id of its own: a random count and a moment of the last minute make each sample another warning.
  const random = Number.parseInt(fresh().slice(-8), 16);
  return { Operator_Account: "host_1001", EventTime: now - (random % 60_000), CurRoomCount: 350 + (random % 150), MaxRoomCount: 500 };
}
