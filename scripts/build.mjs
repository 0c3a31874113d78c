// Builds one self-contained bundle per function: dist/<function-name>/index.js exporting `handler`.
import { build } from "esbuild";
import { readdirSync, statSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

export const FUNCTIONS_DIR = "functions";
export const DIST_DIR = "dist";

export function functionNames() {
  return readdirSync(FUNCTIONS_DIR).filter((name) => statSync(join(FUNCTIONS_DIR, name)).isDirectory()).sort();
}

export async function buildFunction(name, { minify = true } = {}) {
  const outfile = join(DIST_DIR, name, "index.js");
  await build({
    entryPoints: [join(FUNCTIONS_DIR, name, "index.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify,
    sourcemap: false,
    legalComments: "none",
    logLevel: "warning",
  });
  const code = readFileSync(outfile);
  return { name, bytes: code.length, gzipBytes: gzipSync(code).length };
}

export async function buildAll(options) {
  return Promise.all(functionNames().map((name) => buildFunction(name, options)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await buildAll();
  for (const r of results) {
    console.log(`${`${DIST_DIR}/${r.name}/index.js`.padEnd(44)} ${(r.bytes / 1024).toFixed(1).padStart(6)} KB  (gzip ${(r.gzipBytes / 1024).toFixed(1)} KB)`);
  }
}
