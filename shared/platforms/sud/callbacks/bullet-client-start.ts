import type { SampleContext } from "../../../core/callback";
import { bulletCallback, bulletSample } from "./bullet";

/** `sud.mg.merchant.bullet.client.start`: fields unpublished, all kept. */
export const bulletClientStart = bulletCallback("sud.mg.merchant.bullet.client.start");

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A bullet-screen game client started";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return bulletSample(ctx);
}
