import { defineCallback, type SampleContext } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { accountParts } from "./fields";
import { type Follow, followSchema } from "./follow";

/** `Follow.CallbackAfterFollowAdd`: a user followed others; sent by the Chat backend. */
export const followAddSchema = () => followSchema("FollowList");

export const followAdd = defineCallback<"Follow.CallbackAfterFollowAdd", Follow, TencentEnvelope>({
  name: "Follow.CallbackAfterFollowAdd",
  schema: followAddSchema,
  dedupeId: (data) => composeId("Follow.CallbackAfterFollowAdd", data.From_Account, data.EventTime, ...accountParts(data.toAccounts)),
  eventTime: (data) => data.EventTime,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A user followed other users";

export function sample({ now, fresh, bareId }: SampleContext): Record<string, unknown> {
  return { From_Account: fresh("fan_"), FollowList: [{ To_Account: "host_1001" }, { To_Account: bareId() }], EventTime: now };
}
