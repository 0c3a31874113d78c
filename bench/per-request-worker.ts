// Child process of bench/per-request.ts: times one bundle's handler on one sample over one event shape.
// It runs alone so one subject's JIT state, heap and loaded libraries cannot colour another's figures;
// its stdout is a null sink, so the log line each receiver writes costs a real write but no terminal.
import { resolve } from "node:path";
import { timeCalls } from "./measure";
import { fcHttpEvent, lambdaEvent, type Sample, signedCall } from "./requests";

export interface WorkerJob {
  readonly file: string;
  readonly sample: Sample;
  readonly shape: "lambda" | "fc";
  readonly warmup: number;
  readonly iterations: number;
  readonly maxMs: number;
}

process.once("message", async (job: WorkerJob) => {
  try {
    const now = Date.now();
    const events = Array.from({ length: job.warmup + job.iterations }, (_, i) => {
      const call = signedCall(job.sample, i, now);
      return job.shape === "fc" ? fcHttpEvent(call, now) : lambdaEvent(call, now);
    });
    const { handler } = require(resolve(job.file));
    const timing = await timeCalls(handler, events, job);
    process.send!({ ok: true, timing }, () => process.exit(0));
  } catch (error) {
    process.send!({ ok: false, error: (error as Error).stack ?? String(error) }, () => process.exit(1));
  }
});
