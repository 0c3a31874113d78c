// npm run bench: the measure of record, every figure in one run on this machine, printed as one table
// (BENCHMARKS.md says what each figure is). Knobs, by environment:
//   BENCH_CG_WARMUP, BENCH_CG_COUNT, BENCH_CG_JOBS             instructions (callgrind): warm-up, counted requests, parallel runs
//   BENCH_WARMUP, BENCH_ITERATIONS, BENCH_BLOCK, BENCH_MAX_MS  per-request time
//   BENCH_COLD_ROUNDS, BENCH_FIRST_ROUNDS                      fresh instances per subject
//   BENCH_FORWARD_BLOCKS, BENCH_FORWARD_PER_BLOCK              warm forward against a bare POST
//   BENCH_E2E_REQUESTS, BENCH_E2E_SECONDS                      end to end, per number in flight
//   BENCH_GIFT_ITERATIONS                                      gift check
//   BENCH_FUNCTIONS                                            a comma-separated subset of the functions
//   BENCH_CALLGRIND=0                                          skip the instruction counts
import { fork } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readCommandLine, usageFailure } from "../scripts/cli/command-line";
import type { GiftTiming } from "./answer-time";
import { bareHandler } from "./bare";
import { buildFloors, floorBundle, floorOf, functionBundle } from "./bundles";
import { LOADERS, measureColdStarts } from "./cold-start";
import { measureEndToEnd } from "./end-to-end";
import { measureFirstCallbacks } from "./first-callback";
import { countInstructions, type InstructionJob, valgrindMissing } from "./instructions";
import { forwardEnv, startForwardTarget } from "./loopback";
import { machine } from "./machine";
import type { Timing } from "./measure";
import { type Job, measureTogether } from "./per-request";
import { report, type WarmForward } from "./report";
import { FUNCTION_NAMES } from "./requests";

/** The one-URL function of each platform: the first-callback and end-to-end figures are about delivery, not schemas. */
const DELIVERY_FUNCTIONS = ["tencent-live", "sud-notify", "yuanjing-session-lifecycle"];
const END_TO_END_FUNCTIONS = ["tencent-live", "sud-notify"];

const step = (text: string) => process.stderr.write(`bench: ${text}\n`);

/** The callback functions: the redrive answers no platform (a timer runs it), so it has no request to time. */
function functions(): string[] {
  const names = readdirSync("functions")
    .filter((name) => name !== "dead-letter-redrive")
    .sort();
  for (const name of names) {
    if (!(FUNCTION_NAMES as string[]).includes(name)) throw new Error(`bench/requests.ts has no subject for function ${name}: add it to SUBJECTS`);
    if (!existsSync(functionBundle(name))) throw new Error(`${functionBundle(name)} is missing: run npm run build`);
  }
  const only = process.env.BENCH_FUNCTIONS?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return only ? names.filter((n) => only.includes(n)) : names;
}

const floorFile = (fn: string) => floorBundle(floorOf(fn));

function instructionJobs(names: readonly string[], bare: string): InstructionJob[] {
  return [
    ...LOADERS.map((loader) => ({ key: `bare:${loader}`, file: bare, fn: undefined, loader, perRequest: false })),
    ...names.flatMap((fn) => [
      // Cold and warm in two instances: the warm one's heap settings (STEADY_HEAP) would change its cold window.
      { key: `${fn}:require`, file: functionBundle(fn), fn, loader: "require" as const, perRequest: false },
      { key: `${fn}:warm`, file: functionBundle(fn), fn, loader: "require" as const, perRequest: true, cold: false },
      { key: `${fn}:import`, file: functionBundle(fn), fn, loader: "import" as const, perRequest: false },
      // The floor's cold window comes from its warm instance: its load is too small for the heap settings to change it.
      { key: `floor:${fn}`, file: floorFile(fn), fn, loader: "require" as const, perRequest: true },
    ]),
  ];
}

/** Ours and the floor of each function take turns (paired time). */
async function perRequest(names: readonly string[]): Promise<Map<string, Timing>> {
  const out = new Map<string, Timing>();
  for (const fn of names) {
    step(`per request (time): ${fn}`);
    const jobs: (Job & { key: string })[] = [
      { key: fn, file: functionBundle(fn), fn, shape: "lambda" },
      { key: `floor:${fn}`, file: floorFile(fn), fn, shape: "lambda" },
    ];
    const timings = await measureTogether(jobs);
    for (const [i, job] of jobs.entries()) out.set(job.key, timings[i]!);
  }
  return out;
}

/** A measurement in a process of its own (tsx), answering over IPC. */
function child<T>(script: string, env: Record<string, string>): Promise<T> {
  return new Promise((resolve, reject) => {
    const c = fork(join("bench", script), [], { execArgv: ["--import", "tsx"], env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit", "ipc"] });
    let answer: T | undefined;
    c.once("message", (m: T) => (answer = m));
    c.once("exit", (code) => (answer !== undefined ? resolve(answer) : reject(new Error(`${script} exited with ${code}`))));
  });
}

/** The part of BENCHMARKS.md that `--write` replaces with the run: the document's figures come from one command. */
const RUN_START = "<!-- bench:run (written by npm run bench -- --write) -->";
const RUN_END = "<!-- /bench:run -->";

function writeRun(text: string): void {
  const doc = readFileSync("BENCHMARKS.md", "utf8");
  const from = doc.indexOf(RUN_START);
  const to = doc.indexOf(RUN_END);
  if (from < 0 || to < from) throw new Error(`BENCHMARKS.md has no ${RUN_START} … ${RUN_END} section to write the run into`);
  writeFileSync("BENCHMARKS.md", `${doc.slice(0, from + RUN_START.length)}\n${text}\n${doc.slice(to)}`);
}

const USAGE = `usage: npm run bench [-- --write]

Builds, then prints the benchmark table (BENCHMARKS.md); --write also puts the run into BENCHMARKS.md.
Tuned by environment variables only:
  BENCH_CG_WARMUP, BENCH_CG_COUNT, BENCH_CG_JOBS             instructions (callgrind); BENCH_CALLGRIND=0 skips them
  BENCH_WARMUP, BENCH_ITERATIONS, BENCH_BLOCK, BENCH_MAX_MS  per-request time
  BENCH_COLD_ROUNDS, BENCH_FIRST_ROUNDS                      fresh instances per subject
  BENCH_FORWARD_BLOCKS, BENCH_FORWARD_PER_BLOCK              warm forward against a bare POST
  BENCH_E2E_REQUESTS, BENCH_E2E_SECONDS                      end to end, per number in flight
  BENCH_GIFT_ITERATIONS                                      gift check
  BENCH_FUNCTIONS                                            a comma-separated subset of the functions`;

async function main() {
  const { values } = readCommandLine(process.argv.slice(2), { help: { type: "boolean", short: "h", default: false }, write: { type: "boolean", default: false } });
  if (values.help) return void console.log(USAGE);
  step("building the functions (npm run build)");
  // Imported when used: build.mjs is an ES module with a top-level await, which require() cannot load.
  await (await import("../scripts/build.mjs")).buildAll();
  const started = Date.now();
  const before = machine();
  const names = functions();
  step("building the floors");
  await buildFloors();
  const bare = bareHandler();

  const skipCallgrind = process.env.BENCH_CALLGRIND === "0" ? "skipped (BENCH_CALLGRIND=0)" : valgrindMissing();
  const instructions = skipCallgrind ?? (await countInstructions(instructionJobs(names, bare), undefined, step));
  const timings = await perRequest(names);
  step("cold starts (time)");
  const cold = await measureColdStarts(names, functionBundle, floorFile, bare);

  const target = await startForwardTarget();
  try {
    const delivery = names.filter((n) => DELIVERY_FUNCTIONS.includes(n));
    step("first callbacks with forwarding and with Redis");
    const firstCallback = await measureFirstCallbacks(delivery, functionBundle, target.url);
    const forwardFn = delivery[0];
    let warmForward: WarmForward | undefined;
    if (forwardFn) {
      step(`warm forward against a bare POST: ${forwardFn}`);
      const w = await child<Omit<WarmForward, "fn">>("forward-warm.ts", {
        BENCH_FN: forwardFn,
        BENCH_FILE: functionBundle(forwardFn),
        ...forwardEnv(target.url),
      });
      warmForward = { fn: forwardFn, ...w };
    }
    const endToEnd = new Map();
    for (const fn of names.filter((n) => END_TO_END_FUNCTIONS.includes(n))) {
      step(`end to end: ${fn}`);
      endToEnd.set(fn, await measureEndToEnd(fn, functionBundle(fn), target.url));
    }
    step("gift check");
    const gift = await child<{ floor: GiftTiming; memory: GiftTiming; redis: GiftTiming }>("answer-time.ts", {});
    const table = report({ functions: names, instructions, perRequest: timings, cold, firstCallback, warmForward, endToEnd, gift });
    const lines = [
      `Machine: ${before}  `,
      `Load average at the end: ${machine().split("load average ")[1]}; the run took ${((Date.now() - started) / 1000).toFixed(0)} s.`,
      ...(typeof instructions === "string" ? [`Instructions: ${instructions}.`] : []),
      "",
      table,
    ];
    console.log(lines.join("\n"));
    if (values.write) writeRun(lines.join("\n"));
  } finally {
    await target.stop();
  }
}

main().catch((error: Error) => {
  const usage = usageFailure(error, "npm run bench", USAGE);
  if (usage !== undefined) process.exit(usage);
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
