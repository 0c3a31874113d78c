// Does the per-request instruction count repeat? tsx bench/repeat.ts <function> [ours|floor] [runs]
// Counts one subject in `runs` fresh instances, one after another, exactly as `npm run bench` does
// (the same warm-up, windows and heap settings, BENCH_CG_* honoured), and prints each run's figure and
// the spread between runs: (largest − smallest) ÷ median. Run `npm run build` first.
import { buildFloor, floorBundle, floorOf, functionBundle } from "./bundles";
import { CALLGRIND, valgrindMissing } from "./instructions";
import { runInstance } from "./instance";

async function main(): Promise<void> {
  const [fn, side = "ours", runs = "4"] = process.argv.slice(2);
  const missing = valgrindMissing();
  if (!fn || !["ours", "floor"].includes(side) || !(Number(runs) >= 2)) {
    console.error("usage: tsx bench/repeat.ts <function> [ours|floor] [runs ≥ 2]");
    process.exitCode = 2;
    return;
  }
  if (missing) {
    console.error(missing);
    process.exitCode = 1;
    return;
  }
  const file = side === "floor" ? (await buildFloor(floorOf(fn)), floorBundle(floorOf(fn))) : functionBundle(fn);
  const figures: number[] = [];
  for (let run = 1; run <= Number(runs); run++) {
    const r = await runInstance({ file, loader: "require", fn, warmup: CALLGRIND.warmup, count: CALLGRIND.count, windows: CALLGRIND.windows, callgrind: true, steadyHeap: true });
    figures.push(r.perRequestInstructions!);
    const windows = r.windowCounts!.map((w) => `${(w / 1000).toFixed(1)} k`).join(", ");
    console.log(`run ${run}: ${(r.perRequestInstructions! / 1000).toFixed(1)} k per request (windows ${windows})`);
  }
  const sorted = [...figures].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1]!;
  console.log(
    `${side === "floor" ? `floor of ${fn}` : fn}: between runs ${(((sorted[sorted.length - 1]! - sorted[0]!) / median) * 100).toFixed(1)} % of the median (${(median / 1000).toFixed(1)} k)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
