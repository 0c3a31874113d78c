import * as z from "zod/mini";
import { defineCallback, lazy, type SampleContext, type SubEvents } from "../../../core/callback";
import type { SudEnvelope } from "../envelope";
import { adding, atNotifyTime, byNotifyId, id, listed, openString, payload } from "./fields";

/** The games whose milestones SUD documents, by mg_id. */
const GAMES = {
  "1468180338417074177": "LUDO",
  "1689904909564116994": "Battle match-3",
  "1472142640866779138": "Minesweeper",
  "1680881367829176322": "Jump",
} as const;
/** chess_end: a LUDO piece reached the goal; self_die: a player was eliminated (Battle match-3, Minesweeper, Jump). */
const GAME_PROCESS_EVENTS = ["chess_end", "self_die"] as const;
type GameProcessEvent = (typeof GAME_PROCESS_EVENTS)[number];

const player = lazy(() =>
  z.looseObject({
    uid: id,
    /** Across apps: the app's own player or another app's. */
    type: z.optional(openString<"INTERNAL" | "EXTERNAL">()),
    payload,
  }),
);

/** `sud.mg.merchant.game.process`: a game-specific milestone in a round. */
const schema = () =>
  adding(z.looseObject({ mg_id: id, room_id: id, game_round_id: id, event: openString<GameProcessEvent>(), players: z.array(player()), payload }), (process) => ({
    /** The documented game for this mg_id. */ game: listed(GAMES, process.mg_id),
  }));

export const gameProcess = defineCallback<"sud.mg.merchant.game.process", z.output<ReturnType<typeof schema>>, SudEnvelope, SubEvents<"event", GameProcessEvent>>({
  name: "sud.mg.merchant.game.process",
  schema,
  dedupeId: byNotifyId,
  eventTime: atNotifyTime,
  subEvents: { field: "event", values: GAME_PROCESS_EVENTS },
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A milestone in a game round (a LUDO piece home, a player eliminated)";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return {
    mg_id: "1468180338417074177",
    room_id: "9009",
    game_round_id: ctx.fresh("ce56b6lzi1a7-"),
    event: "chess_end",
    players: [{ uid: "10001", type: "INTERNAL", payload: {} }],
    payload: {},
  };
}
