import { createReplayer, type ReplayerOptions, ReplayStopped } from "./replay";
import { type ReplayResult, settle, type SettleOptions } from "./settle";
import type { LetterSource, StoredLetter } from "./source";

export interface ReplayOptions extends ReplayerOptions, Omit<SettleOptions, "log"> {
  readonly source: LetterSource;
}

/**
 * `npm run replay`: replays the chosen letters one by one, each held in its source while it is replayed
 * (a scheduled redrive running beside it skips it), and settles each as the redrive does. Throws a
 * ReplayStopped, before touching any letter, when the key is missing or a function the letters need
 * is misconfigured: a wrong setting would otherwise refuse each letter in turn and record that as an attempt.
 */
export async function replay(letters: readonly StoredLetter[], options: ReplayOptions): Promise<ReplayResult[]> {
  const replayer = createReplayer(options);
  try {
    const sound = letters.filter(({ letter }) => !replayer.unfit(letter));
    for (const name of new Set(sound.map(({ letter }) => replayer.functionFor(letter)))) {
      const problem = name === undefined ? undefined : replayer.problemOf(name);
      if (problem) throw new ReplayStopped(problem);
    }
    const results: ReplayResult[] = [];
    for (const listed of letters) {
      const held = options.source.hold ? await options.source.hold(listed.id) : listed;
      if (held === "held") {
        results.push({ id: listed.id, status: "in progress", detail: "another run is replaying it now; replay again later" });
        continue;
      }
      if (held === "gone") {
        results.push({ id: listed.id, status: "skipped", detail: "settled by another run since it was listed; list again to see where it is" });
        continue;
      }
      const attempt = await replayer.attempt(held);
      results.push(await settle(options.source, held, attempt, replayer.functionFor(held.letter), { ...options, log: options.log }));
    }
    return results;
  } finally {
    await replayer.close();
  }
}
