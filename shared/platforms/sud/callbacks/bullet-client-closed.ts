import type { SampleContext } from "../../../core/callback";
import { bulletCallback, bulletSample } from "./bullet";

/** `sud.mg.merchant.bullet.client.closed`: fields unpublished, all kept. */
export const bulletClientClosed = bulletCallback("sud.mg.merchant.bullet.client.closed");

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A bullet-screen game client closed";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return bulletSample(ctx);
}
