import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import type { SudEnvelope } from "../envelope";
import { adding, byNotifyId, epochMs, id, orNotifyTime, payload, timeText } from "./fields";

/** `data:<type>[;params],` before the image's own data; bounded, so a long image is never scanned. */
const DATA_URL_PREFIX = /^data:([^;,]{0,127})[^,]{0,127},/;

/**
 * `sud.mg.merchant.player.draw.image`: a player's drawing, a data URL of several MB. It is read in
 * place: the string is neither copied nor decoded, only its short prefix looked at.
 */
const schema = () =>
  adding(z.looseObject({ mg_id: id, room_id: id, game_round_id: id, uid: id, image_data: z.string().check(z.minLength(1)), timestamp: timeText, payload }), (drawing) => {
    const prefix = DATA_URL_PREFIX.exec(drawing.image_data);
    return {
      /** e.g. "image/png"; undefined for bare base64. */
      imageMimeType: prefix?.[1] || undefined,
      /** Where the image's own (base64) data starts in image_data: `Buffer.from(image_data.slice(imageDataStart), "base64")`. */
      imageDataStart: prefix ? prefix[0].length : 0,
      /** timestamp (ms) as epoch ms. */
      drawnAt: epochMs(drawing.timestamp),
    };
  });

export const playerDrawImage = defineCallback<"sud.mg.merchant.player.draw.image", z.output<ReturnType<typeof schema>>, SudEnvelope>({
  name: "sud.mg.merchant.player.draw.image",
  schema,
  dedupeId: byNotifyId,
  eventTime: (data, envelope) => orNotifyTime(data.drawnAt, envelope),
});

/** A 1×1 PNG. */
const PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A player's drawing, as an image (several MB)";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return {
    mg_id: "1468180338417074177",
    room_id: "9009",
    game_round_id: ctx.fresh("ce56b6lzi1a7-"),
    uid: ctx.fresh("u-"),
    image_data: `data:image/png;base64,${PIXEL}`,
    timestamp: String(ctx.now),
    payload: {},
  };
}
