// Cold start: a fresh `node` process loads a bundle and answers one signed callback. The process notes
// when its script began (bare node's own start, from performance.timeOrigin) and when the answer was
// ready; the difference is what the bundle adds over a bare `node` start: loading it and the first
// request. Taking it within each run cancels node's bootstrap, which swings by tens of ms on a busy
// machine. Subjects are interleaved round by round so a burst of load lands on all alike; medians are reported.
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { quantile } from "./measure";
import { BENCH_ENV, lambdaEvent, type Sample, signedCall } from "./requests";

export interface ColdSubject {
  readonly key: string;
  readonly file: string;
  readonly sample: Sample;
}

export interface ColdStarts {
  /** Median ms from process start to user code: bare node's own start, for reference. */
  readonly bareNodeMs: number;
  /** Median ms each subject adds: require the bundle and answer the first request. */
  readonly overBareMs: ReadonlyMap<string, number>;
}

export const COLD_ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 7);

/**
 * Loads the bundle, answers the event in BENCH_EVENT, writes "<script start> <answered>" (ms since
 * process start) to fd 3 (stdout is the functions' log), and fails unless the answer is 200.
 */
const FIRST_REQUEST = `const t0 = performance.now();
require(process.env.BENCH_FILE).handler(JSON.parse(process.env.BENCH_EVENT)).then((a) => {
  require("fs").writeSync(3, t0 + " " + performance.now());
  if (a.statusCode !== 200) { console.error(JSON.stringify(a)); process.exit(3); }
});`;

function run(env: Record<string, string>): Promise<{ startMs: number; answeredMs: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["-e", FIRST_REQUEST], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit", "pipe"] });
    let report = "";
    child.stdio[3]!.on("data", (chunk: Buffer) => (report += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => {
      const [startMs, answeredMs] = report.split(" ").map(Number);
      if (code === 0 && startMs !== undefined && answeredMs !== undefined) done({ startMs, answeredMs });
      else fail(new Error(`cold start of ${env.BENCH_FILE} exited with ${code}`));
    });
  });
}

export async function measureColdStarts(subjects: readonly ColdSubject[], rounds = COLD_ROUNDS): Promise<ColdStarts> {
  const starts: number[] = [];
  const added = new Map<string, number[]>(subjects.map((s) => [s.key, []]));
  // One throw-away round: the first spawns also pay for filling the OS file cache.
  for (let round = -1; round < rounds; round++) {
    for (const s of subjects) {
      const event = JSON.stringify(lambdaEvent(signedCall(s.sample, round + 1)));
      const { startMs, answeredMs } = await run({ ...BENCH_ENV, BENCH_FILE: resolve(s.file), BENCH_EVENT: event });
      if (round < 0) continue;
      starts.push(startMs);
      added.get(s.key)!.push(answeredMs - startMs);
    }
  }
  const median = (xs: number[]) => quantile(Float64Array.from(xs).sort(), 0.5);
  return { bareNodeMs: median(starts), overBareMs: new Map([...added].map(([key, xs]) => [key, median(xs)])) };
}
