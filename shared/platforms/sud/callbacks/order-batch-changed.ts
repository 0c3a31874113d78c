import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import type { SudEnvelope } from "../envelope";
import { atNotifyTime, byNotifyId, id, int, orderShape } from "./fields";

/** `sud.mg.merchant.order.batch.changed`: orders of a batch finished; each entry has its own status. */
const schema = () => z.looseObject({ mg_id: id, room_id: id, orders: z.array(z.looseObject({ ...orderShape, value: int })) });

export const orderBatchChanged = defineCallback<"sud.mg.merchant.order.batch.changed", z.output<ReturnType<typeof schema>>, SudEnvelope>({
  name: "sud.mg.merchant.order.batch.changed",
  schema,
  dedupeId: byNotifyId,
  eventTime: atNotifyTime,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "Orders of a batch finished executing, one entry per order";

export function sample(ctx: SampleContext): Record<string, unknown> {
  const order = (to: string, status: string) => ({
    order_id: ctx.fresh("o-"),
    out_order_id: ctx.fresh("app-order-"),
    game_round_id: ctx.fresh("ce56b6lzi1a7-"),
    cmd: "gift_cover_big_chain",
    value: 1,
    from_uid: "15493",
    to_uid: to,
    payload: {},
    status,
  });
  return { mg_id: "1468180338417074177", room_id: "9009", orders: [order("15444", "EXECUTE_SUCCESS"), order("15445", "EXECUTE_FAIL")] };
}
