import * as z from "zod/mini";
import { type AnswerSpec, defineAnsweringCallback } from "../../../core/answering";
import type { CallbackSpec } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import { idString } from "../envelope";
import { type SudAnswer, sudAnswers } from "./answers";
import type { SudAppCall } from "./platform";

/**
 * SUD's special codes of update_score (`update_score.html`, per ../shared/catalog/sud.md §2): 9000
 * insufficient balance, 9001 duplicate order id. Which field carries them is ambiguous in SUD's text
 * (its error sample shows `ret_code: 1`; a third-party SDK sends `ret_code: 1, sdk_error_code: 9000`):
 * the catalog's natural reading, `ret_code` = the code, is inferred [I]; the answers here set both.
 */
export const SUD_INSUFFICIENT_BALANCE = 9000;
export const SUD_DUPLICATE_ORDER = 9001;

/** `type` 1 consumes `score` from the balance, 2 adds it; `round_id` is update_score's name for game_round_id. */
export const updateScoreSchema = () =>
  z.looseObject({
    order_id: z.string().check(z.minLength(1)),
    mg_id: z.optional(idString),
    round_id: z.optional(z.string()),
    uid: z.string().check(z.minLength(1)),
    score: z.int(),
    type: z.union([z.literal(1), z.literal(2)]),
  });
export type UpdateScoreRequest = z.output<ReturnType<typeof updateScoreSchema>>;

/** The balance after the operation (int64). */
const balanceSchema = () => z.looseObject({ score: z.int() });

const answers: CallbackSpec<AnswerSpec<SudAnswer<z.input<ReturnType<typeof balanceSchema>>>, UpdateScoreRequest>> = {
  ...sudAnswers("update_score", balanceSchema),
  idempotency: {
    key: (order) => order.order_id,
    // The order as SUD documents it: a field SUD adds later does not make a retry a conflict.
    payload: ({ order_id, mg_id, round_id, uid, score, type }) => ({ order_id, mg_id, round_id, uid, score, type }),
    conflict: (order) => ({
      error: { ret_code: SUD_DUPLICATE_ORDER, ret_msg: `duplicate order id: ${order.order_id} was used for another update_score`, sdk_error_code: SUD_DUPLICATE_ORDER },
    }),
  },
};

/**
 * `update_score` (deprecated by SUD): a game changes a player's balance. SUD requires it idempotent on
 * `order_id`: a retry of an order is answered with the first attempt's answer, the handler not asked
 * again; a reuse of the order id with other content gets 9001. The handler should update under a lock
 * and return `{ data: { score: balance } }`, or `{ error: { ret_code: 9000, ... } }` for a short balance.
 */
export const updateScore = defineAnsweringCallback<"update_score", UpdateScoreRequest, SudAppCall, SudAnswer<z.input<ReturnType<typeof balanceSchema>>>>({
  name: "update_score",
  description: "A game changes a player's score, once per order_id (deprecated by SUD)",
  schema: updateScoreSchema,
  dedupeId: (order) => composeId("update_score", order.order_id),
  eventTime: () => undefined,
  answers,
});
