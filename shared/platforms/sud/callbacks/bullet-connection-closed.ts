import type { SampleContext } from "../../../core/callback";
import { bulletCallback, bulletSample } from "./bullet";

/** `sud.mg.merchant.bullet.connection.closed`: fields unpublished, all kept. */
export const bulletConnectionClosed = bulletCallback("sud.mg.merchant.bullet.connection.closed");

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A bullet-screen game's connection closed";

export function sample(ctx: SampleContext): Record<string, unknown> {
  return bulletSample(ctx);
}
