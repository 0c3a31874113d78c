import type { SampleContext } from "../../../core/callback";
import { bulletCallback, bulletSample } from "./bullet";

/** `sud.mg.merchant.bullet.game.start`: fields unpublished, all kept. */
export const bulletGameStart = bulletCallback("sud.mg.merchant.bullet.game.start");

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A bullet-screen game started";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return bulletSample(ctx);
}
