// Why timed instances run node with its default flags: cold starts of the same bundles timed with and
// without --single-threaded, interleaved round by round, side by side.
//   npx tsx bench/threads.ts [function,function…]   (default: tencent-live, tencent-live-battle-end, sud-notify)
import { bareHandler } from "./bare";
import { functionBundle } from "./bundles";
import { LOADERS, overBare, timeColdStarts } from "./cold-start";

async function main() {
  const functions = (process.argv[2] ?? "tencent-live,tencent-live-battle-end,sud-notify").split(",");
  const bare = bareHandler();
  const subjects = [true, false].flatMap((singleThreaded) =>
    [undefined, ...functions].flatMap((fn) =>
      LOADERS.map((loader) => ({ key: `${fn ?? "bare"}:${loader}:${singleThreaded}`, file: fn ? functionBundle(fn) : bare, fn, loader, singleThreaded })),
    ),
  );
  const figures = await timeColdStarts(subjects);
  const over = (fn: string, loader: string, st: boolean) => overBare(figures, `${fn}:${loader}:${st}`, `bare:${loader}:${st}`);
  console.log("function:loader                      ms over bare, --single-threaded   default flags");
  for (const fn of functions)
    for (const loader of LOADERS)
      console.log(`${`${fn}:${loader}`.padEnd(36)} ${over(fn, loader, true).toFixed(1).padStart(29)} ${over(fn, loader, false).toFixed(1).padStart(15)}`);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
