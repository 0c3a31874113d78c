import * as z from "zod/mini";
import { defineCallback, lazy, type SampleContext, type SubEvents } from "../../../core/callback";
import { idString, notifyTimeMs, type SudEnvelope } from "../envelope";

/** The games whose player status SUD documents, by mg_id. */
export const SUD_GAMES = {
  "1468180338417074177": "LUDO",
  "1472142559912517633": "UMO",
  "1716668321022017537": "Snakes and Ladders",
  "1537330258004504578": "Domino",
} as const;
export type SudGameName = (typeof SUD_GAMES)[keyof typeof SUD_GAMES];

const player = lazy(() =>
  z.looseObject({
    uid: idString,
    /** "INTERNAL" | "EXTERNAL"; optional, used across domains. */
    type: z.optional(z.string()),
    /** Millisecond time of the event, as a string. */
    timestamp: idString,
    payload: z.optional(z.looseObject({ is_managed: z.optional(z.union([z.literal(0), z.literal(1)])) })),
  }),
);

/** `sud.mg.merchant.player.status`; the documented event is `manage_status` (is_managed 1 = hosted). */
export const playerStatusSchema = () =>
  z.pipe(
    z.looseObject({
      mg_id: idString,
      room_id: idString,
      game_round_id: z.optional(z.string()),
      event: z.string().check(z.minLength(1)),
      players: z.array(player()),
      payload: z.optional(z.looseObject({})),
    }),
    // Adds to the object zod just built rather than copying it: a spread of every field costs more than the rest of the schema.
    z.transform((status) =>
      Object.assign(status, {
        /** The documented game for this mg_id, when it is one of the four. */
        // Own entries only: an mg_id such as "constructor" names no game.
        game: Object.hasOwn(SUD_GAMES, status.mg_id) ? SUD_GAMES[status.mg_id as keyof typeof SUD_GAMES] : undefined,
        /** For manage_status: who is now hosted (the game plays for them) and who is not. */
        hosting: status.event === "manage_status" ? hostingOf(status.players) : undefined,
      }),
    ),
  );

/** A plain loop: flatMap's per-player arrays cost about 15× as much, on every notification (npm run bench). */
function hostingOf(players: readonly { uid: string; payload?: { is_managed?: 0 | 1 } }[]): { uid: string; managed: boolean }[] {
  const hosting: { uid: string; managed: boolean }[] = [];
  for (const p of players) if (p.payload?.is_managed !== undefined) hosting.push({ uid: p.uid, managed: p.payload.is_managed === 1 });
  return hosting;
}

export const playerStatus = defineCallback<"sud.mg.merchant.player.status", z.output<ReturnType<typeof playerStatusSchema>>, SudEnvelope, SubEvents<"event", "manage_status">>({
  name: "sud.mg.merchant.player.status",
  schema: playerStatusSchema,
  dedupeId: (_data, envelope) => envelope.notify_id,
  eventTime: (_data, envelope) => notifyTimeMs(envelope),
  subEvents: { field: "event", values: ["manage_status"] },
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A player's status changed in a game (hosting switched on or off)";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return {
    mg_id: "1468180338417074177",
    room_id: "9009",
    game_round_id: ctx.fresh().slice(0, 20),
    event: "manage_status",
    players: [{ uid: "10001", type: "INTERNAL", timestamp: String(ctx.now), payload: { is_managed: 1 } }],
  };
}
