import { defineCallback, type SampleContext } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { accountParts } from "./fields";
import { type Follow, followSchema } from "./follow";

/** `Follow.CallbackAfterFollowDelete`: a user unfollowed others; sent by the Chat backend. */
export const followDeleteSchema = () => followSchema("To_Account");

export const followDelete = defineCallback<"Follow.CallbackAfterFollowDelete", Follow, TencentEnvelope>({
  name: "Follow.CallbackAfterFollowDelete",
  schema: followDeleteSchema,
  dedupeId: (data) => composeId("Follow.CallbackAfterFollowDelete", data.From_Account, data.EventTime, ...accountParts(data.toAccounts)),
  eventTime: (data) => data.EventTime,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A user unfollowed other users";

export function sample({ now, fresh, bareId }: SampleContext): Record<string, unknown> {
  return { From_Account: fresh("fan_"), To_Account: ["host_1001", bareId()], EventTime: now };
}
