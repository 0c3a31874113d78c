// npm run bench: every figure in one run on this machine, printed as one table (see BENCHMARKS.md).
//   BENCH_ITERATIONS, BENCH_WARMUP, BENCH_BLOCK, BENCH_MAX_MS     per-request measurement
//   BENCH_COLD_ROUNDS                                             cold-start runs per subject
//   BENCH_HTTP_SECONDS, BENCH_HTTP_ROUNDS, BENCH_HTTP_CONNECTIONS  HTTP load; BENCH_HTTP=0 skips it
import { existsSync, readdirSync } from "node:fs";
import { readCommandLine, usageFailure } from "../scripts/cli/command-line";
import { benchBundle, buildBenchBundle, functionBundle, type Kind, type Size, sizeOf } from "./bundles";
import { type ColdSubject, measureColdStarts } from "./cold-start";
import { type HttpComparison, measureHttp } from "./http";
import { machine } from "./machine";
import type { Timing } from "./measure";
import { type Job, measureTogether } from "./per-request";
import { key, report } from "./report";
import { PLATFORM_OF, type Platform, type Sample, SAMPLE_OF_FUNCTION, SAMPLES } from "./requests";

const PLATFORMS: readonly Platform[] = ["tencent", "sud", "yuanjing"];
/** The sample each platform-wide bundle (floor, usual stack) answers in the cold-start runs. */
const PLATFORM_SAMPLE: Readonly<Record<Platform, Sample>> = { tencent: "battle-start", sud: "player-status", yuanjing: "session-lifecycle" };
/** One function per platform goes through HTTP: the figure is about the emulator, not the schema. */
const HTTP_FUNCTIONS = ["tencent-live-battle-start", "sud-player-status", "yuanjing-session-lifecycle"];

const step = (text: string) => process.stderr.write(`bench: ${text}\n`);

/** The callback functions: the redrive answers no platform (a timer runs it), so it has no request to time. */
function functions(): string[] {
  const names = readdirSync("functions").filter((name) => name !== "dead-letter-redrive").sort();
  for (const name of names) {
    if (!SAMPLE_OF_FUNCTION[name]) throw new Error(`bench/requests.ts has no sample for function ${name}: add it to SAMPLE_OF_FUNCTION`);
    if (!existsSync(functionBundle(name))) throw new Error(`${functionBundle(name)} is missing: run npm run build`);
  }
  return names;
}

async function sizes(names: readonly string[]): Promise<Map<string, Size>> {
  const out = new Map<string, Size>();
  for (const name of names) out.set(key.fn(name), sizeOf(functionBundle(name)));
  for (const kind of ["floor", "usual-stack"] as Kind[]) {
    for (const platform of PLATFORMS) {
      const file = await buildBenchBundle(kind, platform);
      out.set(kind === "floor" ? key.floor(platform) : key.usual(platform), sizeOf(file));
    }
  }
  return out;
}

/** The subjects of each sample (ours, floor, usual stack; both event shapes) are timed in turns. */
async function perRequest(names: readonly string[]): Promise<Map<string, Timing>> {
  const out = new Map<string, Timing>();
  for (const sample of SAMPLES) {
    const platform = PLATFORM_OF[sample];
    const jobs: (Job & { key: string })[] = [];
    for (const name of names.filter((n) => SAMPLE_OF_FUNCTION[n] === sample)) {
      for (const shape of ["lambda", "fc"] as const) jobs.push({ key: key.fn(name, shape), file: functionBundle(name), sample, shape });
    }
    for (const shape of ["lambda", "fc"] as const) jobs.push({ key: key.floor(sample, shape), file: benchBundle("floor", platform), sample, shape });
    jobs.push({ key: key.usual(sample), file: benchBundle("usual-stack", platform), sample, shape: "lambda" });
    step(`per request: ${sample} (${jobs.length} subjects in turns)`);
    const timings = await measureTogether(jobs);
    jobs.forEach((job, i) => out.set(job.key, timings[i]!));
  }
  return out;
}

function coldSubjects(names: readonly string[]): ColdSubject[] {
  return [
    ...names.map((name) => ({ key: key.fn(name), file: functionBundle(name), sample: SAMPLE_OF_FUNCTION[name]! })),
    ...PLATFORMS.map((p) => ({ key: key.floor(p), file: benchBundle("floor", p), sample: PLATFORM_SAMPLE[p] })),
    ...PLATFORMS.map((p) => ({ key: key.usual(p), file: benchBundle("usual-stack", p), sample: PLATFORM_SAMPLE[p] })),
  ];
}

async function httpRuns(): Promise<Map<string, HttpComparison | Error>> {
  const out = new Map<string, HttpComparison | Error>();
  if (process.env.BENCH_HTTP === "0") return out;
  for (const fn of HTTP_FUNCTIONS) {
    step(`HTTP load: ${fn}`);
    // A failure here (the emulator not starting, say) is shown in the table instead of losing the run.
    const sample = SAMPLE_OF_FUNCTION[fn]!;
    const floor = benchBundle("floor", PLATFORM_OF[sample]);
    out.set(fn, await measureHttp(fn, functionBundle(fn), floor, sample).catch((error: Error) => error));
  }
  return out;
}

const USAGE = `usage: npm run bench

Builds, then prints the benchmark table (BENCHMARKS.md). Tuned by environment variables only:
  BENCH_ITERATIONS, BENCH_WARMUP, BENCH_BLOCK, BENCH_MAX_MS     per-request measurement
  BENCH_COLD_ROUNDS                                             cold-start runs per subject
  BENCH_HTTP_SECONDS, BENCH_HTTP_ROUNDS, BENCH_HTTP_CONNECTIONS  HTTP load; BENCH_HTTP=0 skips it`;

async function main() {
  const { values } = readCommandLine(process.argv.slice(2), { help: { type: "boolean", short: "h", default: false } });
  if (values.help) return void console.log(USAGE);
  step("building the functions (npm run build)");
  // Imported when used: build.mjs is an ES module with a top-level await, which require() cannot load.
  await (await import("../scripts/build.mjs")).buildAll();
  const started = Date.now();
  const before = machine();
  const names = functions();
  step("building the floor and usual-stack bundles");
  const bundleSizes = await sizes(names);
  const timings = await perRequest(names);
  step("cold starts");
  const cold = await measureColdStarts(coldSubjects(names));
  const http = await httpRuns();
  const { table, summary } = report({ functions: names, perRequest: timings, sizes: bundleSizes, cold, http });
  console.log(`Machine: ${before}`);
  console.log(`Load average at the end: ${machine().split("load average ")[1]}; the run took ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
  console.log(table);
  console.log(`\n${summary}`);
}

main().catch((error: Error) => {
  const usage = usageFailure(error, "npm run bench", USAGE);
  if (usage !== undefined) process.exit(usage);
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
