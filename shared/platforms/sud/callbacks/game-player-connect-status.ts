import * as z from "zod/mini";
import { defineCallback, lazy, type SampleContext, type SubEvents } from "../../../core/callback";
import type { SudEnvelope } from "../envelope";
import { adding, atNotifyTime, byNotifyId, decode, epochMs, id, int, payload, timeText } from "./fields";

const CONNECTIONS = { 0: "offline", 1: "online" } as const;

/** One player, not a list. */
const player = lazy(() =>
  adding(
    z.looseObject({
      uid: id,
      offline_timestamp: timeText,
      /** 0 offline, 1 online. */
      status: int,
      /** Seconds. */
      offline_seconds: int,
      payload,
    }),
    (p) => ({ /** offline_timestamp (ms) as epoch ms. */ offlineAt: epochMs(p.offline_timestamp) }),
  ),
);

/** `sud.mg.merchant.game.player.connect.status`: a player in a game lost or regained the connection. */
const schema = () =>
  adding(z.looseObject({ mg_id: id, room_id: id, game_round_id: id, player: player(), payload }), (event) => ({
    /** player.status in words. */
    connection: decode(CONNECTIONS, event.player.status),
  }));

export const gamePlayerConnectStatus = defineCallback<
  "sud.mg.merchant.game.player.connect.status",
  z.output<ReturnType<typeof schema>>,
  SudEnvelope,
  SubEvents<"connection", "offline" | "online">
>({
  name: "sud.mg.merchant.game.player.connect.status",
  schema,
  dedupeId: byNotifyId,
  eventTime: atNotifyTime,
  subEvents: { field: "connection", values: ["offline", "online"] },
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A player in a game went offline or came back";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return {
    mg_id: "1468180338417074177",
    room_id: "9009",
    game_round_id: ctx.fresh("ce56b6lzi1a7-"),
    player: { uid: ctx.fresh("u-"), offline_timestamp: String(ctx.now - 30_000), status: 0, offline_seconds: 30, payload: {} },
    payload: {},
  };
}
