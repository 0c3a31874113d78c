import * as z from "zod/mini";
import { defineCallback, type SampleContext, type SubEvents } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { account, accountParts, requiredId, wholeNumber, word } from "./fields";

export const ADMIN_OPERATIONS = ["add", "delete"] as const;
const operationWord = word(ADMIN_OPERATIONS);

/**
 * `Live.CallbackAfterModifyAdmin`: room admins were added or removed. Its key is `opType`, in lower
 * camel case unlike every other key; a PascalCase `OpType` is read too, should that be corrected.
 * `operation` is whichever came.
 */
export const modifyAdminSchema = () =>
  z.pipe(
    z.looseObject({
      CallbackCommand: z.optional(z.string()),
      RoomId: requiredId,
      Operator_Account: z.optional(account),
      Admin_Account: z.array(account),
      opType: z.optional(operationWord),
      OpType: z.optional(operationWord),
      EventTime: wholeNumber,
    }),
    z.transform((change, ctx) => {
      const operation = change.opType ?? change.OpType;
      if (operation === undefined) {
        ctx.issues.push({ code: "custom", message: "required string is missing", path: ["opType"], input: change });
        return z.NEVER;
      }
      return Object.assign(change, { operation });
    }),
  );

export const modifyAdmin = defineCallback<
  "Live.CallbackAfterModifyAdmin",
  z.output<ReturnType<typeof modifyAdminSchema>>,
  TencentEnvelope,
  SubEvents<"operation", (typeof ADMIN_OPERATIONS)[number]>
>({
  name: "Live.CallbackAfterModifyAdmin",
  schema: modifyAdminSchema,
  dedupeId: (data) => composeId("Live.CallbackAfterModifyAdmin", data.RoomId, data.EventTime, data.operation, ...accountParts(data.Admin_Account)),
  eventTime: (data) => data.EventTime,
  subEvents: { field: "operation", values: ADMIN_OPERATIONS },
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "Admins of a live room were added or removed";

export function sample({ now, fresh, bareId }: SampleContext): Record<string, unknown> {
  return { RoomId: fresh("live_room_"), EventTime: now, Operator_Account: "host_1001", Admin_Account: ["moderator_7", bareId()], opType: "add" };
}
