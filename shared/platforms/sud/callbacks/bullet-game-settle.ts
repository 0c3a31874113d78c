import type { SampleContext } from "../../../core/callback";
import { bulletCallback, bulletSample } from "./bullet";

/** `sud.mg.merchant.bullet.game.settle`: fields unpublished, all kept. */
export const bulletGameSettle = bulletCallback("sud.mg.merchant.bullet.game.settle");

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A bullet-screen game ended";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return bulletSample(ctx);
}
