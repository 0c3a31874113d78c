import * as z from "zod/mini";
import { defineCallback, lazy, type SampleContext } from "../../../core/callback";
import type { SudEnvelope } from "../envelope";
import { adding, atNotifyTime, byNotifyId, decode, id, int } from "./fields";

/** Werewolf's role auction: the role each bid won, by `payload.role_id`. */
const WEREWOLF = "1472142747708284929";
const WEREWOLF_ROLES = { 1: "werewolf", 2: "villager", 3: "prophet", 4: "witch", 5: "hunter", 6: "guard" } as const;

const bid = lazy(() =>
  z.looseObject({
    order_id: id,
    out_order_id: id,
    uid: id,
    /** 0 the bid succeeded, 1 it failed. */
    bid_rs: int,
    bid_value: int,
    payload: z.optional(z.looseObject({ role_id: z.optional(int) })),
  }),
);

/**
 * `sud.mg.merchant.bid.result`: a bid round was resolved. (The docs' field table names the event
 * room.game.rule by a copy-paste slip; the request example and SUD send bid.result.)
 */
const schema = () =>
  adding(z.looseObject({ mg_id: id, room_id: id, game_round_id: id, player_bids: z.array(bid()) }), (result) => ({
    player_bids: result.player_bids.map((b) =>
      Object.assign(b, {
        succeeded: b.bid_rs === 0,
        /** The Werewolf role won, for that game's bids that name one. */
        role: result.mg_id === WEREWOLF && b.payload?.role_id !== undefined ? decode(WEREWOLF_ROLES, b.payload.role_id) : undefined,
      }),
    ),
  }));

export const bidResult = defineCallback<"sud.mg.merchant.bid.result", z.output<ReturnType<typeof schema>>, SudEnvelope>({
  name: "sud.mg.merchant.bid.result",
  schema,
  dedupeId: byNotifyId,
  eventTime: atNotifyTime,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A bid round was resolved (e.g. Werewolf's role auction)";

export function sample(ctx: SampleContext): Record<string, unknown> {
  const bid = (uid: string, rs: number, value: number, role: number) => ({
    order_id: ctx.fresh("o-"),
    out_order_id: ctx.fresh("app-order-"),
    uid,
    bid_rs: rs,
    bid_value: value,
    payload: { role_id: role },
  });
  return {
    mg_id: WEREWOLF,
    room_id: "9009",
    game_round_id: ctx.fresh("ce56b6lzi1a7-"),
    player_bids: [bid("10001", 0, 200, 3), bid("10002", 1, 100, 3)],
  };
}
