// Two builds' cold starts side by side: fresh instances of each function from this dist/ and from another
// build's dist/ (a worktree of another commit, built there), interleaved round by round, over bare node.
//   git worktree add ../base <commit> && (cd ../base && npm ci && npm run build)
//   npx tsx bench/compare-builds.ts ../base/dist [function,function…]     (BENCH_COLD_ROUNDS rounds, default 5)
import { bareHandler } from "./bare";
import { COLD_ROUNDS, firstOverWarm, overBare, timeColdStarts } from "./cold-start";
import { FUNCTION_NAMES } from "./requests";

async function main() {
  const other = process.argv[2];
  if (!other) throw new Error("usage: npx tsx bench/compare-builds.ts <other build's dist> [function,function…]");
  const functions = process.argv[3]?.split(",") ?? FUNCTION_NAMES;
  const sides = { other, this: "dist" };
  const figures = await timeColdStarts([
    { key: "bare", file: bareHandler(), fn: undefined, loader: "require" },
    ...functions.flatMap((fn) => Object.entries(sides).map(([side, dist]) => ({ key: `${fn}:${side}`, file: `${dist}/${fn}/index.js`, fn, loader: "require" as const }))),
  ]);
  console.log(`cold start on require(), ms over bare node, and first request over a warm one (median of ${COLD_ROUNDS} rounds)`);
  console.log(`${"function".padEnd(30)} ${"cold: other".padStart(12)} ${"this".padStart(6)} ${"first: other".padStart(13)} ${"this".padStart(6)}`);
  const f = (n: number, w: number) => n.toFixed(1).padStart(w);
  for (const fn of functions) {
    const [o, t] = [`${fn}:other`, `${fn}:this`];
    console.log(
      `${fn.padEnd(30)} ${f(overBare(figures, o, "bare"), 12)} ${f(overBare(figures, t, "bare"), 6)} ${f(firstOverWarm(figures, o), 13)} ${f(firstOverWarm(figures, t), 6)}`,
    );
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
