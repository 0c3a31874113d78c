// Two builds' cold starts side by side: fresh instances of each function from this dist/ and from another
// build's dist/ (a worktree of another commit, built there), interleaved round by round, over bare node.
//   git worktree add ../base <commit> && (cd ../base && npm ci && npm run build)
//   npx tsx bench/compare-builds.ts ../base/dist [function,function…]     (BENCH_COLD_ROUNDS rounds, default 5)
import { bareHandler } from "./bare";
import { COLD_ROUNDS, median } from "./cold-start";
import { runInstance } from "./instance";
import { FUNCTION_NAMES } from "./requests";

async function main() {
  const other = process.argv[2];
  if (!other) throw new Error("usage: npx tsx bench/compare-builds.ts <other build's dist> [function,function…]");
  const functions = process.argv[3]?.split(",") ?? FUNCTION_NAMES;
  const sides = [
    ["other", other],
    ["this", "dist"],
  ] as const;
  const bare = bareHandler();
  const runs = new Map<string, { cold: number[]; first: number[] }>();
  const note = (key: string, cold: number, first: number) => {
    const r = runs.get(key) ?? { cold: [], first: [] };
    runs.set(key, r);
    r.cold.push(cold);
    r.first.push(first);
  };
  for (let round = -1; round < COLD_ROUNDS; round++) {
    const b = await runInstance({ file: bare, loader: "require", fn: undefined, warmup: 0 });
    if (round >= 0) note("bare", b.coldMs, 0);
    for (const fn of functions)
      for (const [side, dist] of sides) {
        const r = await runInstance({ file: `${dist}/${fn}/index.js`, loader: "require", fn, warmup: 40, seqBase: (round + 1) * 1000 });
        if (round >= 0) note(`${fn}:${side}`, r.coldMs, r.firstMs - r.warmMs);
      }
  }
  const bareMs = median(runs.get("bare")!.cold);
  console.log(`cold start on require(), ms over bare node, and first request over a warm one (median of ${COLD_ROUNDS} rounds)`);
  console.log(`${"function".padEnd(30)} ${"cold: other".padStart(12)} ${"this".padStart(6)} ${"first: other".padStart(13)} ${"this".padStart(6)}`);
  const at = (fn: string, side: string) => runs.get(`${fn}:${side}`)!;
  for (const fn of functions) {
    const [o, t] = [at(fn, "other"), at(fn, "this")];
    const f = (n: number, w: number) => n.toFixed(1).padStart(w);
    console.log(`${fn.padEnd(30)} ${f(median(o.cold) - bareMs, 12)} ${f(median(t.cold) - bareMs, 6)} ${f(median(o.first), 13)} ${f(median(t.first), 6)}`);
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
