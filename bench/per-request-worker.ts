// Child process of bench/per-request.ts: times one bundle's handler on one function's subject over one event shape,
// block by block as the parent asks, so that the subjects of a sample take turns. Each subject has a
// process of its own, so one's JIT state, heap and libraries cannot colour another's figures; stdout
// is a null sink, so the log line each receiver writes costs a real write but no terminal.
import { resolve } from "node:path";
import { CallTimer } from "./measure";
import { fcHttpEvent, lambdaEvent, signedCall } from "./requests";

export interface WorkerJob {
  readonly file: string;
  /** The function whose subject (bench/requests.ts) the events are. */
  readonly fn: string;
  readonly shape: "lambda" | "fc";
  readonly warmup: number;
  readonly iterations: number;
  readonly maxMs: number;
}

export type WorkerRequest = ({ type: "prepare" } & WorkerJob) | { type: "block"; calls: number } | { type: "finish" };
export type WorkerReply = { type: "ready" } | { type: "block"; more: boolean } | { type: "timing"; timing: ReturnType<CallTimer["result"]> } | { type: "error"; error: string };

let timer: CallTimer | undefined;

async function answer(request: WorkerRequest): Promise<WorkerReply> {
  switch (request.type) {
    case "prepare": {
      const now = Date.now();
      // Built and signed before any timing: the figures are the handler's alone.
      const events = Array.from({ length: request.warmup + request.iterations }, (_, i) => {
        const call = signedCall(request.fn, i, now);
        return request.shape === "fc" ? fcHttpEvent(call, now) : lambdaEvent(call, now);
      });
      const { handler } = require(resolve(request.file));
      timer = new CallTimer(handler, events, request.iterations, BigInt(request.maxMs) * 1_000_000n);
      await timer.warm(request.warmup);
      return { type: "ready" };
    }
    case "block":
      return { type: "block", more: await timer!.block(request.calls) };
    case "finish":
      return { type: "timing", timing: timer!.result() };
  }
}

process.on("message", (request: WorkerRequest) => {
  answer(request).then(
    (reply) => process.send!(reply, () => reply.type === "timing" && process.exit(0)),
    (error: Error) => process.send!({ type: "error", error: error.stack ?? String(error) }, () => process.exit(1)),
  );
});
