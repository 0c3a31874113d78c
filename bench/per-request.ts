// Per-request measurement: one child process per subject (bench/per-request-worker.ts); the subjects of
// one function (ours and its floor) take turns block by block, so a burst of load from elsewhere on the machine lands on all
// of them alike instead of on whichever happened to be running.
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import type { Timing } from "./measure";
import type { WorkerJob, WorkerReply, WorkerRequest } from "./per-request-worker";
import { BENCH_ENV } from "./requests";

export const PER_REQUEST = {
  warmup: Number(process.env.BENCH_WARMUP ?? 3000),
  iterations: Number(process.env.BENCH_ITERATIONS ?? 10_000),
  // Shorter turns cost every subject alike but visibly (1000: +45% on all, 5000: none), from resuming a cold process.
  block: Number(process.env.BENCH_BLOCK ?? 5000),
  maxMs: Number(process.env.BENCH_MAX_MS ?? 2000),
};

export type Job = Omit<WorkerJob, "warmup" | "iterations" | "maxMs">;

class Worker {
  private readonly child: ChildProcess;
  private pending?: { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };

  constructor(
    readonly job: Job,
    execArgv: string[],
  ) {
    this.child = fork(join("bench", "per-request-worker.ts"), [], {
      // A waiting worker must stay idle: V8's memory reducer would otherwise collect garbage in it
      // while another subject is being timed on the same two cores.
      execArgv: ["--import", "tsx", "--no-memory-reducer", ...execArgv],
      env: { ...process.env, ...BENCH_ENV },
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    this.child.on("message", (reply: WorkerReply) => {
      const pending = this.pending;
      this.pending = undefined;
      if (reply.type === "error") pending?.reject(new Error(`${this.name}: ${reply.error}`));
      else pending?.resolve(reply);
    });
    this.child.on("exit", (code) => this.pending?.reject(new Error(`${this.name} exited with ${code}`)));
  }

  get name(): string {
    return `${this.job.file} (${this.job.fn}, ${this.job.shape})`;
  }

  ask(request: WorkerRequest): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child.send(request);
    });
  }

  /** A worker leaves by itself after "finish" (so --cpu-prof can write); one that does not is ended. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
    await Promise.race([exited, timeout]);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}

/** Times every job of a group in turns; `execArgv` adds node flags (bench/profile.ts adds --cpu-prof). */
export async function measureTogether(jobs: readonly Job[], execArgv: string[] = [], settings = PER_REQUEST): Promise<Timing[]> {
  const workers = jobs.map((job) => new Worker(job, execArgv));
  try {
    // Prepared one after another: warm-ups, too, should not share the two cores.
    for (const w of workers) await w.ask({ type: "prepare", ...w.job, warmup: settings.warmup, iterations: settings.iterations, maxMs: settings.maxMs });
    let active = [...workers];
    while (active.length) {
      const still: Worker[] = [];
      for (const w of active) {
        const reply = await w.ask({ type: "block", calls: settings.block });
        if (reply.type === "block" && reply.more) still.push(w);
      }
      active = still;
    }
    const timings: Timing[] = [];
    for (const w of workers) {
      const reply = await w.ask({ type: "finish" });
      if (reply.type !== "timing") throw new Error(`${w.name}: no timing`);
      timings.push(reply.timing);
    }
    return timings;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}
