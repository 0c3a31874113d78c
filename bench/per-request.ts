// Runs one per-request measurement in a fresh child process (bench/per-request-worker.ts).
import { fork } from "node:child_process";
import { join } from "node:path";
import type { Timing } from "./measure";
import type { WorkerJob } from "./per-request-worker";
import { BENCH_ENV } from "./requests";

export const PER_REQUEST = {
  warmup: Number(process.env.BENCH_WARMUP ?? 3000),
  iterations: Number(process.env.BENCH_ITERATIONS ?? 10_000),
  maxMs: Number(process.env.BENCH_MAX_MS ?? 4000),
};

export function measurePerRequest(job: Omit<WorkerJob, "warmup" | "iterations" | "maxMs">): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const child = fork(join("bench", "per-request-worker.ts"), [], {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, ...BENCH_ENV },
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    let settled = false;
    child.on("message", (reply: { ok: true; timing: Timing } | { ok: false; error: string }) => {
      settled = true;
      if (reply.ok) resolve(reply.timing);
      else reject(new Error(`${job.file} (${job.sample}, ${job.shape}): ${reply.error}`));
    });
    child.on("exit", (code) => {
      if (!settled) reject(new Error(`${job.file} (${job.sample}, ${job.shape}) exited with ${code} before answering`));
    });
    child.send({ ...job, ...PER_REQUEST });
  });
}
