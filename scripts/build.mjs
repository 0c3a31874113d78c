// Builds one self-contained bundle per function: dist/<function-name>/index.js exporting `handler`,
// and beside it redis.js, the Redis client, which index.js loads only when REDIS_URL is set.
import { build } from "esbuild";
import { readdirSync, statSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, resolve } from "node:path";

export const FUNCTIONS_DIR = "functions";
export const DIST_DIR = "dist";

/** The one module that imports ioredis (about 200 KB): kept out of index.js, built as redis.js. */
export const REDIS_ENTRY = join("shared", "delivery", "redis", "connect.ts");
export const REDIS_CHUNK = "redis.js";

/** Resolves the dynamic import of REDIS_ENTRY to the file beside the bundle, leaving it external. */
const redisChunkExternal = {
  name: "redis-chunk",
  setup(b) {
    const entry = resolve(REDIS_ENTRY);
    b.onResolve({ filter: /[\\/]connect$/ }, (args) =>
      resolve(args.resolveDir, `${args.path}.ts`) === entry ? { path: `./${REDIS_CHUNK}`, external: true } : undefined,
    );
  },
};

const COMMON = { bundle: true, platform: "node", target: "node20", format: "cjs", sourcemap: false, legalComments: "none", logLevel: "warning" };

export function functionNames() {
  return readdirSync(FUNCTIONS_DIR).filter((name) => statSync(join(FUNCTIONS_DIR, name)).isDirectory()).sort();
}

/** The Redis chunk's code, built once and written beside every function's index.js. */
async function buildRedisChunk(minify) {
  const result = await build({ ...COMMON, entryPoints: [REDIS_ENTRY], minify, write: false, outfile: REDIS_CHUNK });
  return result.outputFiles[0].contents;
}

export async function buildFunction(name, { minify = true, redisChunk } = {}) {
  const outfile = join(DIST_DIR, name, "index.js");
  const [chunk] = await Promise.all([
    redisChunk ?? buildRedisChunk(minify),
    build({ ...COMMON, entryPoints: [join(FUNCTIONS_DIR, name, "index.ts")], outfile, minify, plugins: [redisChunkExternal] }),
  ]);
  mkdirSync(join(DIST_DIR, name), { recursive: true });
  writeFileSync(join(DIST_DIR, name, REDIS_CHUNK), chunk);
  const code = readFileSync(outfile);
  return { name, bytes: code.length, gzipBytes: gzipSync(code).length, redisBytes: chunk.length };
}

export async function buildAll(options = {}) {
  const redisChunk = buildRedisChunk(options.minify ?? true);
  return Promise.all(functionNames().map((name) => buildFunction(name, { ...options, redisChunk })));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await buildAll();
  for (const r of results) {
    console.log(`${`${DIST_DIR}/${r.name}/index.js`.padEnd(44)} ${(r.bytes / 1024).toFixed(1).padStart(6)} KB  (gzip ${(r.gzipBytes / 1024).toFixed(1)} KB)  + ${REDIS_CHUNK} ${(r.redisBytes / 1024).toFixed(1)} KB`);
  }
}
