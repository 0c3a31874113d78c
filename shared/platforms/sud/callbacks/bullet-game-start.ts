import type { SampleContext } from "../../../core/callback";
import { bulletCallback, bulletSample } from "./bullet";

/** `sud.mg.merchant.bullet.game.start`: fields unpublished, all kept. */
export const bulletGameStart = bulletCallback("sud.mg.merchant.bullet.game.start", "A bullet-screen game started");

export function sample(ctx: SampleContext): Record<string, unknown> {
  return bulletSample(ctx);
}
