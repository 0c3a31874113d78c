// Cold start in time: fresh instances (bench/child.cjs) of every function on both loader paths, require()
// and import(), beside the bare handler on the same paths. Each instance notes when its script began, when
// the handler was loaded and when the first answer was ready, then times warm requests. Subjects are
// interleaved round by round, so a burst of load lands on all alike; medians are reported.
import { quantile } from "./measure";
import { runInstance } from "./instance";

export const COLD_ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 5);
/** Warm requests after the first, for "first request − warm". */
const WARM_AFTER = 40;

export type Loader = "require" | "import";
export const LOADERS: readonly Loader[] = ["require", "import"];

export interface ColdFigures {
  /** Median ms from the script's start to the first answer. */
  readonly coldMs: number;
  /** Median ms of the first request alone, and of a warm one. */
  readonly firstMs: number;
  readonly warmMs: number;
}

export const median = (xs: readonly number[]) => quantile(Float64Array.from(xs).sort(), 0.5);

/** One subject of a cold-start measure: a bundle, the events it is sent, how it is loaded. */
export interface ColdSubject {
  readonly key: string;
  readonly file: string;
  /** Whose events (undefined: the bare handler, which answers anything). */
  readonly fn: string | undefined;
  readonly loader: Loader;
  /** Run V8 with --single-threaded (bench/threads.ts compares); node's defaults otherwise. */
  readonly singleThreaded?: boolean;
}

/**
 * Fresh instances of every subject, interleaved round by round after a throw-away round (the first starts
 * also pay for filling the OS file cache): the medians by key.
 */
export async function timeColdStarts(subjects: readonly ColdSubject[], rounds = COLD_ROUNDS): Promise<Map<string, ColdFigures>> {
  const runs = new Map<string, { cold: number[]; first: number[]; warm: number[] }>(subjects.map((s) => [s.key, { cold: [], first: [], warm: [] }]));
  for (let round = -1; round < rounds; round++) {
    for (const s of subjects) {
      const r = await runInstance({ file: s.file, loader: s.loader, fn: s.fn, warmup: WARM_AFTER, seqBase: (round + 1) * 1000, singleThreaded: s.singleThreaded });
      if (round < 0) continue;
      const into = runs.get(s.key)!;
      into.cold.push(r.coldMs);
      into.first.push(r.firstMs);
      into.warm.push(r.warmMs);
    }
  }
  return new Map([...runs].map(([key, r]) => [key, { coldMs: median(r.cold), firstMs: median(r.first), warmMs: median(r.warm) }]));
}

/** ms from a subject's start to its first answer over bare node's (`bare`, its key, loaded the same way). */
export const overBare = (figures: ReadonlyMap<string, ColdFigures>, key: string, bare: string): number => figures.get(key)!.coldMs - figures.get(bare)!.coldMs;

/** A subject's first request over its warm ones, in ms. */
export const firstOverWarm = (figures: ReadonlyMap<string, ColdFigures>, key: string): number => figures.get(key)!.firstMs - figures.get(key)!.warmMs;

/**
 * Every function and its floor on both loader paths, beside the bare handler: by `${fn}:${loader}`,
 * `floor:${fn}:${loader}` and `bare:${loader}`. Each function's floor answers the same events, so the
 * floor's figure is what a cold start doing the same observable work costs.
 */
export function measureColdStarts(
  functions: readonly string[],
  file: (fn: string) => string,
  floorFile: (fn: string) => string,
  bare: string,
  rounds = COLD_ROUNDS,
): Promise<Map<string, ColdFigures>> {
  return timeColdStarts(
    [
      ...LOADERS.map((loader) => ({ key: `bare:${loader}`, file: bare, fn: undefined, loader })),
      ...functions.flatMap((fn) =>
        LOADERS.flatMap((loader) => [
          { key: `${fn}:${loader}`, file: file(fn), fn, loader },
          { key: `floor:${fn}:${loader}`, file: floorFile(fn), fn, loader },
        ]),
      ),
    ],
    rounds,
  );
}
