import * as z from "zod/mini";
import { defineCallback, lazy, type SampleContext } from "../../../core/callback";
import type { SudEnvelope } from "../envelope";
import { adding, aiOf, byNotifyId, epochMs, id, orNotifyTime, settleShape, timeText } from "./fields";

const result = lazy(() => adding(z.looseObject({ ...settleShape, order_id: id, out_order_id: id }), aiOf));

/** `sud.mg.merchant.user.settle` (Texas Hold'em, TeenPatti): players' scores settled, one entry per order. */
const schema = () =>
  adding(z.looseObject({ mg_id: id, room_id: id, match_id: id, results: z.array(result()), settle_at: timeText }), (settle) => ({
    /** settle_at (seconds) as epoch ms. */ settledAt: epochMs(settle.settle_at),
  }));

export const userSettle = defineCallback<"sud.mg.merchant.user.settle", z.output<ReturnType<typeof schema>>, SudEnvelope>({
  name: "sud.mg.merchant.user.settle",
  schema,
  dedupeId: byNotifyId,
  eventTime: (data, envelope) => orNotifyTime(data.settledAt, envelope),
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "Players' scores were settled in a match (Texas Hold'em, TeenPatti), one entry per order";

export function sample(ctx: SampleContext): Record<string, unknown> {
  const entry = (uid: string, score: number, remain: number) => ({
    uid,
    order_id: ctx.fresh("o-"),
    out_order_id: ctx.fresh("app-order-"),
    is_ai: uid === "" ? 1 : 0,
    score,
    remain_score: remain,
    commission_score: 1,
  });
  return {
    mg_id: "1557194155570024449",
    room_id: "9010",
    match_id: ctx.fresh("ce56b6lzi1a7-"),
    results: [entry("10001", 10, 110), entry("", -10, 90)],
    settle_at: String(Math.floor(ctx.now / 1000)),
  };
}
