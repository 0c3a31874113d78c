// Instruction counts (callgrind), repeatable to about 1 %: one instance per subject, its windows marked
// from inside (bench/child.cjs). Per request: BENCH_CG_WINDOWS windows of BENCH_CG_COUNT requests after
// BENCH_CG_WARMUP warm ones (uninstrumented, so cheap), the least window divided by the count. Cold start: the load and the first request, from the
// script's first line, over the bare handler's on the same loader path. V8 runs --single-threaded, so its
// compiler and collector work lands on the main thread, in the window where it happens, every run alike;
// an instance that counts warm requests runs with the heap held steady (STEADY_HEAP in ./instance), one that
// counts a cold start with node's defaults.
import { execFileSync } from "node:child_process";
import type { Loader } from "./cold-start";
import { runInstance } from "./instance";

export const CALLGRIND = {
  warmup: Number(process.env.BENCH_CG_WARMUP ?? 5000),
  // Five short windows rather than three long ones, the same requests in all: at least one is free of collections.
  count: Number(process.env.BENCH_CG_COUNT ?? 90),
  windows: Number(process.env.BENCH_CG_WINDOWS ?? 5),
  jobs: Number(process.env.BENCH_CG_JOBS ?? 2),
};

export interface InstructionJob {
  readonly key: string;
  readonly file: string;
  readonly fn: string | undefined;
  readonly loader: Loader;
  /** Count the per-request windows too, with V8's heap held steady (STEADY_HEAP), else the cold window only, with node's defaults. */
  readonly perRequest: boolean;
  /** Count the load and first request too (default); false when another instance counts them. */
  readonly cold?: boolean;
}

export interface Instructions {
  readonly cold?: number;
  readonly perRequest?: number;
  /** (largest − smallest) ÷ median of the windows. */
  readonly spread?: number;
}

export function valgrindMissing(): string | undefined {
  try {
    execFileSync("valgrind", ["--version"], { stdio: "ignore" });
    execFileSync("callgrind_control", ["--version"], { stdio: "ignore" });
    return undefined;
  } catch {
    return "valgrind (with callgrind_control) is not installed: apt-get install -y valgrind";
  }
}

/** Runs the jobs CALLGRIND.jobs at a time (two cores: more would only slow each down). */
export async function countInstructions(jobs: readonly InstructionJob[], settings = CALLGRIND, step: (text: string) => void = () => {}): Promise<Map<string, Instructions>> {
  const out = new Map<string, Instructions>();
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      step(`instructions: ${job.key}`);
      const r = await runInstance({
        file: job.file,
        loader: job.loader,
        fn: job.fn,
        warmup: job.perRequest ? settings.warmup : 0,
        count: job.perRequest ? settings.count : 0,
        windows: settings.windows,
        callgrind: true,
        steadyHeap: job.perRequest,
        countCold: job.cold ?? true,
      });
      out.set(job.key, { cold: r.coldInstructions, perRequest: r.perRequestInstructions, spread: r.spread });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, settings.jobs) }, lane));
  return out;
}
