// Why timed instances run node with its default flags: cold starts of the same bundles timed with and
// without --single-threaded, interleaved round by round, side by side.
//   npx tsx bench/threads.ts [function,function…]   (default: tencent-live, tencent-live-battle-end, sud-notify)
import { bareHandler } from "./bare";
import { functionBundle } from "./bundles";
import { COLD_ROUNDS, LOADERS, median } from "./cold-start";
import { runInstance } from "./instance";

async function main() {
  const functions = (process.argv[2] ?? "tencent-live,tencent-live-battle-end,sud-notify").split(",");
  const bare = bareHandler();
  const cold = new Map<string, number[]>();
  for (let round = -1; round < COLD_ROUNDS; round++)
    for (const singleThreaded of [true, false])
      for (const fn of [undefined, ...functions])
        for (const loader of LOADERS) {
          const r = await runInstance({ file: fn ? functionBundle(fn) : bare, loader, fn, warmup: 0, seqBase: (round + 1) * 1000, singleThreaded });
          const key = `${fn ?? "bare"}:${loader}:${singleThreaded}`;
          if (round >= 0) cold.set(key, [...(cold.get(key) ?? []), r.coldMs]);
        }
  const over = (fn: string, loader: string, st: boolean) => median(cold.get(`${fn}:${loader}:${st}`)!) - median(cold.get(`bare:${loader}:${st}`)!);
  console.log("function:loader                      ms over bare, --single-threaded   default flags");
  for (const fn of functions)
    for (const loader of LOADERS)
      console.log(`${`${fn}:${loader}`.padEnd(36)} ${over(fn, loader, true).toFixed(1).padStart(29)} ${over(fn, loader, false).toFixed(1).padStart(15)}`);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
