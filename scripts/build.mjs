// Builds one self-contained bundle per function: dist/<function-name>/index.js exporting `handler`,
// and beside it the chunks index.js loads only when a setting needs them: redis.js, the Redis client
// (REDIS_URL), forward.js, the HTTP forward (FORWARD_URL), answer.js, the answering path,
// and seal.js, dead-letter sealing.
import { build } from "esbuild";
import { readdirSync, statSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, resolve } from "node:path";
import { writeCatalogs } from "./catalog.mjs";

export const FUNCTIONS_DIR = "functions";
export const DIST_DIR = "dist";

/** The Redis client (ioredis, about 200 KB) and the Redis stores: kept out of index.js, built as redis.js. */
export const REDIS_ENTRY = join("shared", "delivery", "redis", "chunk.ts");
export const REDIS_CHUNK = "redis.js";
/** The HTTP forward, needed only with FORWARD_URL. */
export const FORWARD_ENTRY = join("shared", "delivery", "forward", "target.ts");
export const FORWARD_CHUNK = "forward.js";
/** The answering path (gift checks, token calls), needed only by functions with answering callbacks. */
export const ANSWER_ENTRY = join("shared", "delivery", "answer-run.ts");
export const ANSWER_CHUNK = "answer.js";
/** Dead-letter sealing, needed only when a callback is not delivered. */
export const SEAL_ENTRY = join("shared", "delivery", "dead-letter", "seal.ts");
export const SEAL_CHUNK = "seal.js";
export const CHUNKS = [
  { entry: REDIS_ENTRY, file: REDIS_CHUNK },
  { entry: FORWARD_ENTRY, file: FORWARD_CHUNK },
  { entry: ANSWER_ENTRY, file: ANSWER_CHUNK },
  { entry: SEAL_ENTRY, file: SEAL_CHUNK },
];

/** Resolves a dynamic import of a chunk's entry to the file beside the bundle, leaving it external. */
export const chunksExternal = {
  name: "lazy-chunks",
  setup(b) {
    const byEntry = new Map(CHUNKS.map((c) => [resolve(c.entry), c.file]));
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== "dynamic-import") return undefined;
      const file = byEntry.get(resolve(args.resolveDir, `${args.path}.ts`));
      return file ? { path: `./${file}`, external: true } : undefined;
    });
  },
};

const COMMON = { bundle: true, platform: "node", target: "node20", format: "cjs", sourcemap: false, legalComments: "none", logLevel: "warning" };

export function functionNames() {
  return readdirSync(FUNCTIONS_DIR).filter((name) => statSync(join(FUNCTIONS_DIR, name)).isDirectory()).sort();
}

/** esbuild's options for one function's index.js (npm start's watch uses the same). */
export function functionBuildOptions(name, minify = true) {
  return { ...COMMON, entryPoints: [join(FUNCTIONS_DIR, name, "index.ts")], outfile: join(DIST_DIR, name, "index.js"), minify, plugins: [chunksExternal] };
}

/** esbuild's options for one chunk, built in memory and written beside every index.js. */
export function chunkBuildOptions(chunk, minify = true) {
  return { ...COMMON, entryPoints: [chunk.entry], minify, write: false, outfile: chunk.file };
}

/** The chunks' code, built once and written beside every function's index.js. */
async function buildChunks(minify) {
  return Promise.all(
    CHUNKS.map(async (c) => {
      const result = await build(chunkBuildOptions(c, minify));
      return { file: c.file, contents: result.outputFiles[0].contents };
    }),
  );
}

export async function buildFunction(name, { minify = true, chunks } = {}) {
  const outfile = join(DIST_DIR, name, "index.js");
  const [built] = await Promise.all([chunks ?? buildChunks(minify), build(functionBuildOptions(name, minify))]);
  mkdirSync(join(DIST_DIR, name), { recursive: true });
  for (const chunk of built) writeFileSync(join(DIST_DIR, name, chunk.file), chunk.contents);
  const code = readFileSync(outfile);
  const sizeOf = (file) => built.find((c) => c.file === file).contents.length;
  return { name, bytes: code.length, gzipBytes: gzipSync(code).length, redisBytes: sizeOf(REDIS_CHUNK), forwardBytes: sizeOf(FORWARD_CHUNK) };
}

export async function buildAll(options = {}) {
  const chunks = buildChunks(options.minify ?? true);
  return Promise.all(functionNames().map((name) => buildFunction(name, { ...options, chunks })));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Each platform's callback index follows its definition files: a new file is served by the next build.
  for (const path of writeCatalogs()) console.log(`wrote ${path}`);
  const results = await buildAll();
  for (const r of results) {
    console.log(`${`${DIST_DIR}/${r.name}/index.js`.padEnd(44)} ${(r.bytes / 1024).toFixed(1).padStart(6)} KB  (gzip ${(r.gzipBytes / 1024).toFixed(1)} KB)  + ${REDIS_CHUNK} ${(r.redisBytes / 1024).toFixed(1)} KB, ${FORWARD_CHUNK} ${(r.forwardBytes / 1024).toFixed(1)} KB`);
  }
}
