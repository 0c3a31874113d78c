import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { FunctionSpec } from "../manifest/function-spec";
import { bundleHash, bundleStamp } from "./bundle-stamp";

const WORKER_FILE = fileURLToPath(new URL("./worker.cjs", import.meta.url));

/** What a handler returned, carried across the thread boundary. */
export type HandlerResult = { kind: "empty" } | { kind: "bytes"; data: Uint8Array } | { kind: "string"; text: string } | { kind: "json"; text: string };

export interface ErrorInfo {
  name: string;
  message: string;
  stack: string[];
}

/** `build`: the hash of the bundle that ran (bundle-stamp.ts), when an instance ran it. */
export type Invocation =
  | { ok: true; result: HandlerResult; coldStartMs?: number; durationMs: number; build?: string }
  | { ok: false; failure: "error" | "load" | "timeout" | "crash"; error: ErrorInfo; coldStartMs?: number; durationMs: number; build?: string };

/** FC hands over bytes, Lambda a parsed object. */
export type FunctionEvent = { kind: "bytes"; data: Uint8Array } | { kind: "object"; value: unknown };

/** `requestId`: the request the function was handling when it wrote the line, if it was handling one. */
export type OutputSink = (spec: FunctionSpec, stream: "stdout" | "stderr", line: string, requestId?: string) => void;

interface Pending {
  resolve: (invocation: Invocation) => void;
  timer: NodeJS.Timeout;
  startedAt: number;
  coldStartMs?: number;
  instance: Instance;
}

interface Instance {
  worker: Worker;
  ready: Promise<ErrorInfo | undefined>;
  bundleStamp: string;
  /** The hash of the bundle it loaded. */
  build: string;
  exited: boolean;
  /** Set when a newer bundle replaced it: it finishes what it has, then stops. */
  draining: boolean;
  /** Requests given to it, from the moment one is (even while it is still starting) until answered. */
  inFlight: number;
}

/**
 * One function's instance, started at its first request (a cold start) in a worker thread and kept warm.
 * A timeout or a crash retires the instance; the next request starts a fresh one. A rebuilt bundle
 * gets a fresh instance too, while the old one finishes the requests it already has.
 * Worker threads rather than vm contexts because each needs its own process.env, which a vm shares.
 */
export class FunctionHost {
  private instance: Instance | undefined;
  private readonly pending = new Map<number, Pending>();
  /** Instances being terminated, so close() can wait for every thread to be gone. */
  private readonly stopping = new Set<Promise<number>>();
  private nextId = 1;
  private closed = false;

  constructor(
    readonly spec: FunctionSpec,
    private readonly systemEnv: Readonly<Record<string, string>>,
    private readonly output: OutputSink,
  ) {}

  async invoke(event: FunctionEvent, context: Record<string, unknown>): Promise<Invocation> {
    const startedAt = Date.now();
    if (this.closed) return failure("crash", { name: "EmulatorClosed", message: "the emulator is shutting down", stack: [] }, startedAt);
    let coldStartMs: number | undefined;
    if (this.instance && !this.instance.exited && this.bundleChanged(this.instance)) {
      this.drain(this.instance);
      this.instance = undefined;
    }
    // Synchronous from the check to the new instance, so concurrent first requests share one cold start.
    if (!this.instance || this.instance.exited) {
      this.stop(this.instance);
      this.instance = this.start();
      coldStartMs = 0;
    }
    const instance = this.instance;
    instance.inFlight++;
    try {
      return await this.run(instance, event, context, startedAt, coldStartMs);
    } finally {
      instance.inFlight--;
      if (instance.draining) this.drain(instance);
    }
  }

  private async run(instance: Instance, event: FunctionEvent, context: Record<string, unknown>, startedAt: number, coldStartMs: number | undefined): Promise<Invocation> {
    const loadError = await instance.ready;
    if (coldStartMs !== undefined) coldStartMs = Date.now() - startedAt;
    if (loadError) {
      this.stop(instance);
      return { ...failure("load", loadError, startedAt), coldStartMs, build: instance.build };
    }
    if (instance.exited) return { ...failure("crash", { name: "InstanceStopped", message: "the instance was stopped", stack: [] }, startedAt), coldStartMs, build: instance.build };
    const id = this.nextId++;
    return new Promise<Invocation>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        const seconds = this.spec.timeoutS;
        resolve({
          ...failure("timeout", { name: "TimeoutError", message: `Function timed out after ${seconds} seconds`, stack: [] }, startedAt),
          coldStartMs,
          build: instance.build,
        });
        // A timed-out instance is stopped, as the cloud does; its other requests fail with it.
        this.stop(instance);
      }, this.spec.timeoutS * 1000);
      this.pending.set(id, { resolve, timer, startedAt, coldStartMs, instance });
      const payload = event.kind === "bytes" ? { kind: "bytes", data: event.data } : event;
      const tag = context.requestId ?? context.awsRequestId;
      instance.worker.postMessage({ id, tag, event: payload, context: { ...context, ...deadlineOf(context, this.spec, startedAt) } });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stop(this.instance);
    for (const pending of [...this.pending.values()]) this.stop(pending.instance);
    await Promise.all(this.stopping);
  }

  private start(): Instance {
    const worker = new Worker(WORKER_FILE, {
      workerData: { file: this.spec.file, exportName: this.spec.exportName },
      env: { ...this.systemEnv, ...this.spec.env },
      // The bundle is plain CommonJS: no loader flags (tsx, vitest) are passed on to the instance.
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: Math.max(64, this.spec.memoryMb) },
    });
    let settleReady!: (error: ErrorInfo | undefined) => void;
    const ready = new Promise<ErrorInfo | undefined>((resolve) => (settleReady = resolve));
    const stamp = bundleStamp(this.spec.file);
    const instance: Instance = { worker, ready, bundleStamp: stamp, build: bundleHash(this.spec.file), exited: false, draining: false, inFlight: 0 };
    for (const stream of ["stdout", "stderr"] as const) {
      createInterface({ input: worker[stream] }).on("line", (line) => this.output(this.spec, stream, line));
    }
    worker.on("message", (message: any) => {
      if (message.type === "output") this.output(this.spec, message.stream, message.line, message.tag);
      else if (message.type === "ready") settleReady(undefined);
      else if (message.type === "load-error") settleReady(message.error);
      else this.settle(message.id, message.type === "result" ? { ok: true, result: message.result } : { ok: false, failure: "error", error: message.error });
    });
    const onGone = (error: ErrorInfo) => {
      instance.exited = true;
      settleReady(error);
      this.failAll(error, instance);
    };
    worker.on("error", (error) => onGone({ name: error.name, message: `the instance crashed: ${error.message}`, stack: [] }));
    worker.on("exit", (code) => onGone({ name: "InstanceExited", message: `the instance exited with code ${code}`, stack: [] }));
    return instance;
  }

  private settle(id: number, outcome: { ok: true; result: HandlerResult } | { ok: false; failure: "error"; error: ErrorInfo }) {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve({ ...outcome, coldStartMs: pending.coldStartMs, durationMs: Date.now() - pending.startedAt, build: pending.instance.build });
  }

  /** Stops a replaced instance once it has answered everything it was given, including requests still waiting for it to start. */
  private drain(instance: Instance) {
    instance.draining = true;
    if (instance.inFlight === 0) this.stop(instance);
  }

  /** Stops an instance now: its pending requests fail, its thread is terminated (awaited by close). */
  private stop(instance: Instance | undefined) {
    if (!instance) return;
    if (this.instance === instance) this.instance = undefined;
    this.failAll({ name: "InstanceStopped", message: "the instance was stopped", stack: [] }, instance);
    if (instance.exited) return;
    instance.exited = true;
    const terminated = instance.worker.terminate();
    this.stopping.add(terminated);
    void terminated.finally(() => this.stopping.delete(terminated));
  }

  /** Fails the pending requests of one instance, or of all when none is named. */
  private failAll(error: ErrorInfo, only?: Instance) {
    for (const [id, pending] of this.pending) {
      if (only && pending.instance !== only) continue;
      this.pending.delete(id);
      clearTimeout(pending.timer);
      pending.resolve({ ...failure("crash", error, pending.startedAt), coldStartMs: pending.coldStartMs, build: pending.instance.build });
    }
  }

  /** `npm run build` (or the watch of npm start) while the emulator runs: the next request loads the new bundle and chunks. */
  private bundleChanged(instance: Instance): boolean {
    return bundleStamp(this.spec.file) !== instance.bundleStamp;
  }
}

function failure(kind: "error" | "load" | "timeout" | "crash", error: ErrorInfo, startedAt: number): Invocation {
  return { ok: false, failure: kind, error, durationMs: Date.now() - startedAt };
}

/** Lambda's context tells the time left; FC's tells the timeout, which the context data already holds. */
function deadlineOf(context: Record<string, unknown>, spec: FunctionSpec, startedAt: number): Record<string, unknown> {
  return "awsRequestId" in context ? { deadline: startedAt + spec.timeoutS * 1000 } : {};
}
