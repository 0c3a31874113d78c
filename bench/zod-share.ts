// What zod adds to a cold start: the Tencent floor, the same floor with Live.CallbackAfterEndBattle checked
// by the product's zod schema (bench/floor/tencent-zod.ts), and the product's tencent-live-battle-end,
// started fresh in interleaved rounds, beside bare node; with valgrind, the instructions of each one's
// load and first answer too (those repeat exactly).
//   npx tsx bench/zod-share.ts        (BENCH_COLD_ROUNDS rounds, default 5; npm run build first)
import { bareHandler } from "./bare";
import { buildFloor, functionBundle } from "./bundles";
import { COLD_ROUNDS, firstOverWarm, overBare, timeColdStarts } from "./cold-start";
import { countInstructions, valgrindMissing } from "./instructions";
import { M } from "./table";

const FN = "tencent-live-battle-end";

async function main() {
  const subjects = [
    { key: "bare", file: bareHandler(), fn: undefined, loader: "require" as const },
    { key: "floor", file: await buildFloor("tencent"), fn: FN, loader: "require" as const },
    { key: "floor + zod check", file: await buildFloor("tencent-zod"), fn: FN, loader: "require" as const },
    { key: FN, file: functionBundle(FN), fn: FN, loader: "require" as const },
  ];
  const figures = await timeColdStarts(subjects);
  const missing = valgrindMissing();
  const counts = missing
    ? undefined
    : await countInstructions(
        subjects.map((s) => ({ ...s, perRequest: false })),
        { warmup: 0, count: 0, windows: 1, jobs: 2 },
      );
  const bareI = counts?.get("bare")?.cold ?? Number.NaN;
  console.log(`cold start on require(), over bare node (median of ${COLD_ROUNDS} rounds)${missing ? `; instructions: ${missing}` : ""}`);
  console.log(`${"subject".padEnd(26)} ${"ms".padStart(6)} ${"first over warm, ms".padStart(20)} ${"instructions".padStart(13)}`);
  for (const { key } of subjects.slice(1)) {
    const instructions = counts ? M((counts.get(key)?.cold ?? Number.NaN) - bareI) : "—";
    console.log(`${key.padEnd(26)} ${overBare(figures, key, "bare").toFixed(1).padStart(6)} ${firstOverWarm(figures, key).toFixed(1).padStart(20)} ${instructions.padStart(13)}`);
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
