import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import type { SudEnvelope } from "../envelope";
import { adding, atNotifyTime, byNotifyId, id, int } from "./fields";

/** `sud.mg.merchant.llm.ai.create.result`: the outcome of creating an LLM AI player, asked for asynchronously. */
const schema = () =>
  adding(z.looseObject({ mg_id: id, room_id: id, uid: id, biz_error_code: int, biz_error_msg: z.optional(z.string()) }), (result) => ({
    /** biz_error_code 0 (biz_error_msg then ""). */ succeeded: result.biz_error_code === 0,
  }));

export const llmAiCreateResult = defineCallback<"sud.mg.merchant.llm.ai.create.result", z.output<ReturnType<typeof schema>>, SudEnvelope>({
  name: "sud.mg.merchant.llm.ai.create.result",
  schema,
  dedupeId: byNotifyId,
  eventTime: atNotifyTime,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "An LLM AI player was created, or could not be";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return { mg_id: "1468180338417074177", room_id: "9009", uid: ctx.fresh("ai-"), biz_error_code: 0, biz_error_msg: "" };
}
