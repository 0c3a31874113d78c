// Size budget of every function's bundle. Size is deterministic, so it is checked here; timings are
// not, so they stay in `npm run bench` (BENCHMARKS.md) and never in a test.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUDGET_BYTES, budgetOf, COLD_START_FILES, coldStartCode, REDRIVE_BUDGET_BYTES } from "../helpers/budget";
const FUNCTIONS = readdirSync("functions").sort();
const bundle = (fn: string) => `dist/${fn}/main.js`;
const loaded = (fn: string) => `dist/${fn}/ ${COLD_START_FILES.join(" + ")}`;
const sizes: string[] = [];

describe("bundle size budget", () => {
  beforeAll(() => {
    // `npm test` builds first; a run of this file alone builds when a bundle is missing.
    if (FUNCTIONS.every((fn) => existsSync(bundle(fn)))) return;
    const built = spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
    if (built.status !== 0) throw new Error("npm run build failed");
  });

  afterAll(() => {
    if (sizes.length) console.log(`bundle sizes (budget ${BUDGET_BYTES / 1024} KB minified, the redrive ${REDRIVE_BUDGET_BYTES / 1024} KB):\n${sizes.join("\n")}`);
  });

  it.each(FUNCTIONS.map((fn) => [fn, budgetOf(fn) / 1024]))("%s: what a cold start loads (index.js + main.js) is at most %s KB minified", (fn) => {
    const code = coldStartCode(fn);
    const kb = (n: number) => (n / 1024).toFixed(1).padStart(5);
    sizes.push(`  ${loaded(fn).padEnd(54)} ${kb(code.length)} KB  (gzip ${kb(gzipSync(code).length)} KB)`);
    expect(code.length, `${loaded(fn)} is ${code.length} bytes; the budget is ${budgetOf(fn)}`).toBeLessThanOrEqual(budgetOf(fn));
  });
});
