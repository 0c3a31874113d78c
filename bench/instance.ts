// Starts one fresh instance (bench/child.cjs) of a bundle, optionally under callgrind, and reads back its
// times and instruction counts. The events are built and signed here, just before the start, and handed
// over in a file: the child does nothing of the harness inside its measured windows.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BENCH_ENV, lambdaEvent, signedCall } from "./requests";

export interface InstanceRun {
  /** The bundle (or the bare handler) to load. */
  readonly file: string;
  readonly loader: "require" | "import";
  /** The function whose subject the events are; undefined for the bare handler (it answers anything). */
  readonly fn: string | undefined;
  readonly warmup?: number;
  /** Requests counted after the warm-up, per callgrind window, and the number of windows. */
  readonly count?: number;
  readonly windows?: number;
  readonly env?: Readonly<Record<string, string>>;
  readonly callgrind?: boolean;
  /** Sequence numbers start here, so that instances sharing a Redis never share an id. */
  readonly seqBase?: number;
  /** Run V8 with STEADY_HEAP: for instances that count warm requests (their cold window is then not node's default). */
  readonly steadyHeap?: boolean;
  /** Count the load and first request (default); false leaves them uninstrumented, and coldInstructions undefined. */
  readonly countCold?: boolean;
  /**
   * Run V8 with --single-threaded (default: under callgrind only). Counted instances need it for their
   * counts to repeat; a timed instance runs node as FC and Lambda start it, its compiler and collector
   * helpers on their own threads.
   */
  readonly singleThreaded?: boolean;
}

export interface InstanceResult {
  /** ms from the child's first line to its handler loaded, and to its first answer. */
  readonly loadMs: number;
  readonly coldMs: number;
  /** ms of the first request alone, and the median warm one. */
  readonly firstMs: number;
  readonly warmMs: number;
  /** Instructions of load + first request, and per counted request in the least window (callgrind only). */
  readonly coldInstructions?: number;
  readonly perRequestInstructions?: number;
  /** (largest − smallest) ÷ median of the windows' per-request counts. */
  readonly spread?: number;
  /** Every window's per-request count, in the order they ran. */
  readonly windowCounts?: readonly number[];
}

/**
 * V8's heap heuristics read the clock, and under valgrind the clock runs at the machine's load: the young
 * generation shrank in some runs and not others (its allocation rate in bytes per ms), and incremental
 * marking, paced by time, stayed active through the windows of some runs, its write barriers and steps
 * counted in every request (the same floor measured 153 k and 232 k). A young generation fixed at the size
 * a busy instance grows it to by default (16 MB semi-spaces) and atomic major collections take the clock
 * out: a collection then lands in the same windows every run, and the least window leaves it out. Neither
 * changes what the JavaScript does.
 */
export const STEADY_HEAP = ["--min-semi-space-size=16", "--max-semi-space-size=16", "--no-incremental-marking"] as const;

/** The harness's own environment must not colour the figures: extra CA certificates cost node ~400 M instructions at start. */
function childEnv(extra: Readonly<Record<string, string>> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: process.env.LANG, ...BENCH_ENV, ...extra };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

const CHILD = resolve("bench", "child.cjs");

export async function runInstance(run: InstanceRun): Promise<InstanceResult> {
  const dir = mkdtempSync(join(tmpdir(), "bench-instance-"));
  try {
    // Signed 50 s ahead under valgrind: Tencent's window is ±60 s, and a loaded machine under valgrind may take a minute.
    const ahead = run.callgrind ? 50_000 : 0;
    const now = Date.now() + ahead;
    const base = run.seqBase ?? 0;
    const event = (i: number, at: number) => (run.fn ? lambdaEvent(signedCall(run.fn, base + i, at), at) : {});
    const eventFile = join(dir, "event.json");
    writeFileSync(eventFile, JSON.stringify(event(0, now)));
    const env = childEnv({
      ...run.env,
      BENCH_FILE: resolve(run.file),
      BENCH_LOADER: run.loader,
      BENCH_EVENT: eventFile,
      BENCH_WARMUP: String(run.warmup ?? 0),
      BENCH_COUNT: String(run.count ?? 0),
      BENCH_WINDOWS: String(run.windows ?? 1),
      ...(run.callgrind ? { BENCH_CALLGRIND: "1" } : {}),
      ...(run.countCold === false ? { BENCH_COLD: "0" } : {}),
    });
    // --single-threaded: V8 compiles and collects on the main thread, so that the counts repeat run after run.
    const threads = (run.singleThreaded ?? run.callgrind) ? ["--single-threaded"] : [];
    const node = [process.execPath, ...threads, ...(run.steadyHeap ? STEADY_HEAP : []), CHILD];
    const argv = run.callgrind
      ? ["valgrind", "--tool=callgrind", "--instr-atstart=no", `--callgrind-out-file=${join(dir, "cg.%p")}`, "--zero-before=uv_loadavg", "--dump-before=uv_uptime", ...node]
      : node;
    const t = await new Promise<{ startMs: number; loadedMs: number; answeredMs: number; warmMs: number }>((done, fail) => {
      const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ["ignore", "ignore", "pipe", "ipc"] });
      let err = "";
      let times: any;
      child.on("message", (m: { type: string; on?: boolean }) => {
        if (m.type === "instrument") {
          execFile("callgrind_control", [`--instr=${m.on ? "on" : "off"}`, String(child.pid)], (error) => (error ? fail(error) : child.send("ok")));
        } else if (m.type === "times") {
          times = m;
          child.send("ok");
        } else {
          const at = Date.now() + ahead;
          // In a file, not over IPC: how the pipe splits a message varies with timing, and with it the heap the warm-up starts from.
          const events = join(dir, "events.json");
          writeFileSync(events, JSON.stringify(Array.from({ length: (run.warmup ?? 0) + (run.count ?? 0) * (run.windows ?? 1) }, (_, i) => event(i + 1, at))));
          child.send(events);
        }
      });
      child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
      child.on("error", fail);
      child.on("close", (code) =>
        code === 0 && times
          ? done(times)
          : fail(
              new Error(
                `instance of ${run.file} (${run.loader}) exited with ${code}: ${err
                  .split("\n")
                  .filter((l) => !l.startsWith("=="))
                  .join("\n")
                  .slice(0, 2000)}`,
              ),
            ),
      );
    });
    const result: InstanceResult = { loadMs: t.loadedMs - t.startMs, coldMs: t.answeredMs - t.startMs, firstMs: t.answeredMs - t.loadedMs, warmMs: t.warmMs };
    if (!run.callgrind) return result;
    const dumps = readdirSync(dir)
      .filter((f) => /^cg\.\d+\.\d+$/.test(f))
      .sort((a, b) => Number(a.split(".")[2]) - Number(b.split(".")[2]));
    const summary = (f: string) => Number(/^summary: (\d+)/m.exec(readFileSync(join(dir, f), "utf8"))?.[1] ?? NaN);
    const inOrder = run.count ? dumps.slice(1).map((f) => summary(f) / run.count!) : [];
    const windows = [...inOrder].sort((a, b) => a - b);
    const middle = windows[windows.length >> 1];
    return {
      ...result,
      coldInstructions: run.countCold === false ? undefined : dumps[0] ? summary(dumps[0]) : NaN,
      // The least window: one without a collection or a compilation in it. With the heap held steady a
      // collection lands in the same windows every run, but a change to what a request allocates moves it,
      // and the median of a few windows would then jump by a collection's share.
      perRequestInstructions: windows[0],
      spread: middle ? (windows[windows.length - 1]! - windows[0]!) / middle : undefined,
      windowCounts: inOrder,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
