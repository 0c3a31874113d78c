// "Bare node" on each loader path: a handler that does nothing, loaded the way the bundle is (require() or
// import() of a file), so that what a function adds is measured over node's own start and the loader's.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BENCH_OUT } from "./bundles";

/** `.cjs`: node needs no package.json lookup nor module-syntax detection for it. */
export function bareHandler(): string {
  const dir = join(BENCH_OUT, "bare");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "index.cjs");
  writeFileSync(file, 'exports.handler = async () => ({ statusCode: 200, body: "{}" });\n');
  return file;
}
