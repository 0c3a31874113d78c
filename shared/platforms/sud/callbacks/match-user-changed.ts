import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import type { SudEnvelope } from "../envelope";
import { atNotifyTime, byNotifyId, id, int } from "./fields";

/** `sud.mg.merchant.match.user.changed`: users joined or left a matchmaking group. */
const schema = () =>
  z.looseObject({
    group_id: id,
    cur_num: int,
    total_num: int,
    /** This app's users only; other apps' users in the group are not listed. */
    user_ids: z.array(id),
  });

export const matchUserChanged = defineCallback<"sud.mg.merchant.match.user.changed", z.output<ReturnType<typeof schema>>, SudEnvelope>({
  name: "sud.mg.merchant.match.user.changed",
  schema,
  dedupeId: byNotifyId,
  eventTime: atNotifyTime,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "The number of users in a matchmaking group changed";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return { group_id: ctx.fresh("g-"), cur_num: 2, total_num: 4, user_ids: ["10001", "10002"] };
}
