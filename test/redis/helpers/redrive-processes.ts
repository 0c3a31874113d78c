import { type ChildProcess, fork } from "node:child_process";
import { resolve } from "node:path";
import type { RedriveReport } from "../../../shared/redrive/function";
import { next } from "./processes";

/** One instance of the built redrive function in a child process, its own Redis connection and dedupe token. */
export class RedriveProcess {
  /** The child's stderr lines (its error log lines: "dead letter parked", a run's problem). */
  readonly errors: string[] = [];

  private constructor(private readonly child: ChildProcess) {
    let pending = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString("utf8")).split("\n");
      pending = lines.pop()!;
      this.errors.push(...lines.filter(Boolean));
    });
  }

  static async start(env: Record<string, string>, bundle = "dist/dead-letter-redrive/index.js"): Promise<RedriveProcess> {
    const child = fork(resolve("test/redis/helpers/redrive-run.cjs"), {
      env: { ...process.env, ...env, BUNDLE: resolve(bundle) },
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    await next(child, "ready", "the redrive process");
    return new RedriveProcess(child);
  }

  /** One run that the runtime would stop after `ms`. */
  async run(ms: number): Promise<RedriveReport> {
    const report = next<{ report: RedriveReport }>(this.child, "report", "the redrive process");
    this.child.send({ type: "run", ms });
    return (await report).report;
  }

  /** The parser files of the build (parsers/ beside the bundle) that the instance has loaded so far. */
  async loadedParsers(): Promise<string[]> {
    const answer = next<{ files: string[] }>(this.child, "parsers", "the redrive process");
    this.child.send({ type: "parsers" });
    return (await answer).files;
  }

  /** Killed as a runtime kills a function: at once, whatever it was doing. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGKILL");
    await exited;
  }
}
