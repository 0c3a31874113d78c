// The benchmark harness cannot rot silently: `npm run bench` with tiny counts prints its table with every
// row and a figure in each, and the callgrind plumbing (windows marked from inside an instance) counts.
// Figures are not judged here: speed targets live in the benchmark, against a floor of the same run.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { bareHandler } from "../../bench/bare";
import { countInstructions, valgrindMissing } from "../../bench/instructions";
import { requireRedis } from "../redis/helpers/redis";

const run = promisify(execFile);
const redis = await requireRedis();

const TINY = {
  BENCH_FUNCTIONS: "tencent-live,sud-app-server",
  BENCH_CALLGRIND: "0",
  BENCH_WARMUP: "50",
  BENCH_ITERATIONS: "100",
  BENCH_BLOCK: "100",
  BENCH_COLD_ROUNDS: "1",
  BENCH_FIRST_ROUNDS: "1",
  BENCH_FORWARD_BLOCKS: "1",
  BENCH_FORWARD_PER_BLOCK: "10",
  BENCH_E2E_REQUESTS: "20",
  BENCH_E2E_SECONDS: "1",
  BENCH_GIFT_ITERATIONS: "50",
};

/** Every measure of a function, and the run-wide ones. */
const PER_FUNCTION = ["per request: µs, median (p99)", "cold start, require(): ms over bare node", "cold start, import(): ms over bare node", "first request over a warm one: ms"];
const DELIVERY = [
  "first callback with forwarding, over warm: ms",
  "first callback with Redis, over warm: ms",
  "warm forward: ms (with − without forwarding)",
  "end to end, Redis + forwarding, 1 in flight: ms p50 / p99",
  "end to end, Redis + forwarding, 16 in flight: ms p50 / p99",
];
const GIFT = ["receipt to answer, memory dedupe: ms median (p99)", "receipt to answer, Redis dedupe: ms median (p99)"];

describe.skipIf(!redis.available)("npm run bench with tiny counts", () => {
  it("prints one table with every row, a figure and a verdict in each", { timeout: 240_000 }, async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "bench/main.ts"], { env: { ...process.env, ...TINY }, maxBuffer: 1 << 24 });
    expect(stdout).toMatch(/^Machine: .+ cores, .+ Node v\d+/m);
    const rows = stdout
      .split("\n")
      .filter((l) => l.startsWith("| ") && !l.startsWith("| function"))
      .map((l) =>
        l
          .split("|")
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    const find = (fn: string, measure: string) => rows.find((r) => r[0] === fn && r[1] === measure);
    const expected = [
      ...["tencent-live", "sud-app-server"].flatMap((fn) => PER_FUNCTION.map((m) => [fn, m])),
      ...DELIVERY.map((m) => ["tencent-live", m]),
      ...GIFT.map((m) => ["tencent-live (gift check)", m]),
    ];
    for (const [fn, measure] of expected) {
      const row = find(fn!, measure!);
      expect(row, `${fn}: ${measure}`).toBeDefined();
      expect(row![2], `${fn}: ${measure}`).toMatch(/\d/);
      expect(row![5], `${fn}: ${measure}`).toMatch(/[✓✗]|reference/);
    }
  });
});

describe.skipIf(valgrindMissing() !== undefined)("the callgrind windows", () => {
  it("count the instructions of a bare handler's load and first answer, within its window only", { timeout: 120_000 }, async () => {
    const file = bareHandler();
    const counts = await countInstructions([{ key: "bare", file, fn: undefined, loader: "require", perRequest: false }], { warmup: 0, count: 0, windows: 1, jobs: 1 });
    // Loading a one-line file and answering: more than nothing, far less than node's own start (tens of millions).
    expect(counts.get("bare")!.cold).toBeGreaterThan(10_000);
    expect(counts.get("bare")!.cold).toBeLessThan(20_000_000);
  });

  it("count warm windows in an instance whose heap is held steady, its events handed over in a file", { timeout: 120_000 }, async () => {
    const file = bareHandler();
    const counts = await countInstructions([{ key: "bare", file, fn: undefined, loader: "require", perRequest: true }], { warmup: 20, count: 10, windows: 3, jobs: 1 });
    // A bare answer costs some thousands of instructions: not nothing, and not a window that took in node's start.
    const warm = counts.get("bare")!;
    expect(warm.perRequest).toBeGreaterThan(1_000);
    expect(warm.perRequest).toBeLessThan(1_000_000);
    expect(warm.spread).toBeGreaterThanOrEqual(0);
  });
});

describe("the side-by-side scripts", () => {
  const script = (name: string) => run(process.execPath, ["--import", "tsx", join("bench", name)], { env: { ...process.env, BENCH_COLD_ROUNDS: "1" }, maxBuffer: 1 << 22 });

  it("bench/threads.ts times each cold start with and without --single-threaded", { timeout: 120_000 }, async () => {
    const { stdout } = await script("threads.ts");
    const rows = stdout.split("\n").filter((l) => /^\S+:(require|import) /.test(l));
    expect(rows).toHaveLength(6);
    // Two figures a row; one round on a busy machine can put a cold start under bare node's, below zero.
    for (const row of rows) expect(row).toMatch(/\s-?\d+\.\d\s+-?\d+\.\d$/);
  });

  it("bench/zod-share.ts times the floor, the floor with the zod check and the function", { timeout: 120_000 }, async () => {
    const { stdout } = await script("zod-share.ts");
    for (const subject of ["floor", "floor + zod check", "tencent-live-battle-end"]) {
      const row = stdout.split("\n").find((l) => l.startsWith(`${subject} `));
      expect(row, subject).toMatch(valgrindMissing() ? /-?\d+\.\d\s+-?\d+\.\d\s+—$/ : /-?\d+\.\d\s+-?\d+\.\d\s+\d+\.\d M$/);
    }
  });
});
