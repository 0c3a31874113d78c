import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import type { SudEnvelope } from "../envelope";
import { atNotifyTime, byNotifyId, id } from "./fields";

/**
 * The six bullet-screen (弹幕) game notifications. SUD publishes their names only; its bullet-screen
 * APIs name a game and a room, so those are typed when sent, and every field is kept.
 */
const bulletSchema = () => z.looseObject({ mg_id: z.optional(id), room_id: z.optional(id) });
export type BulletData = z.output<ReturnType<typeof bulletSchema>>;

export function bulletCallback<const Name extends string>(name: Name) {
  return defineCallback<Name, BulletData, SudEnvelope>({ name, schema: bulletSchema, dedupeId: byNotifyId, eventTime: atNotifyTime });
}

export function bulletSample(ctx: SampleContext): Record<string, unknown> {
  return { mg_id: "1732311222312345601", room_id: ctx.fresh("live-") };
}
