// What zod adds to a cold start: the Tencent floor, the same floor with Live.CallbackAfterEndBattle checked
// by the product's zod schema (bench/floor/tencent-zod.ts), and the product's tencent-live-battle-end,
// started fresh in interleaved rounds, beside bare node; with valgrind, the instructions of each one's
// load and first answer too (those repeat exactly).
//   npx tsx bench/zod-share.ts        (BENCH_COLD_ROUNDS rounds, default 5; npm run build first)
import { bareHandler } from "./bare";
import { buildFloor, functionBundle } from "./bundles";
import { COLD_ROUNDS, median } from "./cold-start";
import { countInstructions, valgrindMissing } from "./instructions";
import { runInstance } from "./instance";
import { M } from "./table";

const FN = "tencent-live-battle-end";

async function main() {
  const subjects: Record<string, { file: string; fn: string | undefined }> = {
    bare: { file: bareHandler(), fn: undefined },
    floor: { file: await buildFloor("tencent"), fn: FN },
    "floor + zod check": { file: await buildFloor("tencent-zod"), fn: FN },
    [FN]: { file: functionBundle(FN), fn: FN },
  };
  const runs = new Map<string, { cold: number[]; first: number[] }>(Object.keys(subjects).map((k) => [k, { cold: [], first: [] }]));
  for (let round = -1; round < COLD_ROUNDS; round++)
    for (const [key, s] of Object.entries(subjects)) {
      const r = await runInstance({ file: s.file, loader: "require", fn: s.fn, warmup: 40, seqBase: (round + 1) * 1000 });
      if (round < 0) continue;
      runs.get(key)!.cold.push(r.coldMs);
      runs.get(key)!.first.push(r.firstMs - r.warmMs);
    }
  const missing = valgrindMissing();
  const counts = missing
    ? undefined
    : await countInstructions(
        Object.entries(subjects).map(([key, s]) => ({ key, file: s.file, fn: s.fn, loader: "require" as const, perRequest: false })),
        { warmup: 0, count: 0, windows: 1, jobs: 2 },
      );
  const bareMs = median(runs.get("bare")!.cold);
  const bareI = counts?.get("bare")?.cold ?? Number.NaN;
  console.log(`cold start on require(), over bare node (median of ${COLD_ROUNDS} rounds)${missing ? `; instructions: ${missing}` : ""}`);
  console.log(`${"subject".padEnd(26)} ${"ms".padStart(6)} ${"first over warm, ms".padStart(20)} ${"instructions".padStart(13)}`);
  for (const [key, r] of runs) {
    if (key === "bare") continue;
    const instructions = counts ? M((counts.get(key)?.cold ?? Number.NaN) - bareI) : "—";
    console.log(`${key.padEnd(26)} ${(median(r.cold) - bareMs).toFixed(1).padStart(6)} ${median(r.first).toFixed(1).padStart(20)} ${instructions.padStart(13)}`);
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
