import * as z from "zod/mini";
import { defineCallback, type SampleContext, type SubEvents } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { SudEnvelope } from "../envelope";
import { adding, atNotifyTime, id, int, ORDER_STATUSES, type OrderStatus, orderShape } from "./fields";

/**
 * `sud.mg.merchant.order.changed`: an order made through the order API finished. The 2023 docs call
 * game_round_id `round_id`; either is read as game_round_id.
 */
const schema = () =>
  adding(
    z.looseObject({
      ...orderShape,
      out_group_id: z.optional(id),
      mg_id: id,
      room_id: id,
      round_id: z.optional(id),
      value: z.optional(int),
      seq: z.optional(int),
    }),
    (order) => ({ game_round_id: order.game_round_id ?? order.round_id }),
  );

export const orderChanged = defineCallback<"sud.mg.merchant.order.changed", z.output<ReturnType<typeof schema>>, SudEnvelope, SubEvents<"status", OrderStatus>>({
  name: "sud.mg.merchant.order.changed",
  schema,
  // An order reaches each status once: its SUD order number and the status name the event, whatever notify_id a resend carries.
  dedupeId: (data) => composeId("sud.mg.merchant.order.changed", data.order_id, data.status),
  eventTime: atNotifyTime,
  subEvents: { field: "status", values: ORDER_STATUSES },
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "An order finished executing (or, in older versions, was created or started)";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return {
    order_id: ctx.fresh(),
    out_order_id: ctx.fresh("app-order-"),
    out_group_id: ctx.fresh("app-group-"),
    mg_id: "1468180338417074177",
    room_id: "9009",
    game_round_id: ctx.fresh("ce56b6lzi1a7-"),
    cmd: "gift_cover_big_chain",
    from_uid: "10001",
    to_uid: "10002",
    value: 1,
    seq: 0,
    payload: { score: 1 },
    status: "EXECUTE_SUCCESS",
  };
}
