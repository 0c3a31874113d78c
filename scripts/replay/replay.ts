import { FUNCTION_SPECS } from "../../functions/dead-letter-redrive/functions";
import type { FunctionSpecs } from "../../shared/redrive/replay";
import { replay as replayChosen, type ReplayOptions } from "../../shared/redrive/replay-chosen";
import type { ReplayResult } from "../../shared/redrive/settle";
import type { StoredLetter } from "../../shared/redrive/source";
import { isDevDefault } from "../dev-credentials";

export { ReplayStopped } from "../../shared/redrive/replay";
export type { ReplayResult, ReplayStatus } from "../../shared/redrive/settle";

/**
 * `npm run replay`'s replay: the very code the scheduled redrive runs (shared/redrive), through every
 * function's own spec, saying so when a MAC fails under the development key.
 */
export function replay(letters: readonly StoredLetter[], options: Omit<ReplayOptions, "specs"> & { readonly specs?: FunctionSpecs }): Promise<ReplayResult[]> {
  return replayChosen(letters, { specs: FUNCTION_SPECS, devKey: isDevDefault("DEAD_LETTER_KEY", options.env.DEAD_LETTER_KEY), ...options });
}
