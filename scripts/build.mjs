// Builds one self-contained folder per function, dist/<function-name>/:
//   index.js      the entry FC and Lambda load: two lines that require main.js and export `handler`
//   main.js       the function's bundle
//   package.json  {"type":"commonjs"}
//   parsers/      one file per schema (callback, answers, envelope): its parser, generated here from the
//                 schema, which main.js loads at the schema's first use instead of generating it
// and beside them the chunks main.js requires only when a setting needs them: redis.js, the Redis client
// (REDIS_URL), forward.js, the HTTP forward (FORWARD_URL), answer.js, the answering path, zod.js, zod
// itself (to word a refusal: the bundle carries zod-lite), seal.js, dead-letter sealing, and
// parser-source.js, the writer of a schema parser the build did not write.
//
// Why the entry is split (Node 20, a runtime that loads the handler with import(), as Lambda's newer
// runtime clients do): without a "type" nearby, import() of a CommonJS file compiles it twice (to detect
// module syntax), and it runs its CommonJS lexer over the whole file to find named exports. The
// package.json ends the first; an entry the lexer reads in two lines, whose `exports.handler = …` it
// does not follow into main.js, ends the second: import() then costs what require() does.
import { build } from "esbuild";
import { readdirSync, statSync, readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import { promisify } from "node:util";
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
/** The writer of schema parsers, needed only for a schema without the parser the build wrote (PARSER_SOURCE below). */
export const PARSER_SOURCE_ENTRY = join("shared", "core", "parser-source.ts");
export const PARSER_SOURCE_CHUNK = "parser-source.js";
/** zod itself, for the functions' bundles, which carry zod-lite instead (ZOD_LITE below). */
export const ZOD_ENTRY = join("shared", "core", "zod-chunk.ts");
export const ZOD_CHUNK = "zod.js";
export const CHUNKS = [
  { entry: REDIS_ENTRY, file: REDIS_CHUNK },
  { entry: ZOD_ENTRY, file: ZOD_CHUNK },
  { entry: FORWARD_ENTRY, file: FORWARD_CHUNK },
  { entry: ANSWER_ENTRY, file: ANSWER_CHUNK },
  { entry: SEAL_ENTRY, file: SEAL_CHUNK },
  { entry: PARSER_SOURCE_ENTRY, file: PARSER_SOURCE_CHUNK },
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

/**
 * Every function's bundle carries shared/core/zod-lite.ts where its sources import "zod/mini": the
 * schemas are built as plain nodes, compiled into parsers at their first use, and zod.js is loaded only
 * when zod itself is needed (test/unit/zod-lite.test.ts holds both builds of every schema alike).
 */
const ZOD_LITE = join("shared", "core", "zod-lite.ts");
export const zodLite = {
  name: "zod-lite",
  setup(b) {
    b.onResolve({ filter: /^zod\/mini$/ }, () => ({ path: resolve(ZOD_LITE) }));
    b.onResolve({ filter: /^\.\/zod\.js$/ }, (args) => (args.kind === "require-call" ? { path: `./${ZOD_CHUNK}`, external: true } : undefined));
  },
};

/**
 * In a function's bundle, compiled-schema.ts's import of the parser writer becomes a require of the chunk
 * at its first call: each schema's parser is written by the build (parsers/), so a cold start need not
 * compile the writer. Elsewhere (the sources, the build's own generation) it is imported as it is.
 */
export const parserSourceChunk = {
  name: "parser-source-chunk",
  setup(b) {
    const compiledSchema = resolve("shared", "core", "compiled-schema.ts");
    b.onResolve({ filter: /^\.\/parser-source$/ }, (args) => (args.importer === compiledSchema ? { path: "parser-source", namespace: "parser-source-chunk" } : undefined));
    b.onLoad({ filter: /.*/, namespace: "parser-source-chunk" }, () => ({
      contents: `export function parserSource(schema) { return require("./${PARSER_SOURCE_CHUNK}").parserSource(schema); }`,
      loader: "js",
    }));
    b.onResolve({ filter: /^\.\/parser-source\.js$/ }, (args) => (args.kind === "require-call" ? { path: `./${PARSER_SOURCE_CHUNK}`, external: true } : undefined));
  },
};

/** The function's bundle, required by the entry. */
export const MAIN_FILE = "main.js";
/**
 * The files written beside main.js as they are, the same for every function: the entry, exporting
 * `handler` in a form Node's CommonJS lexer reads without opening main.js, and the package.json that
 * tells Node the folder is CommonJS.
 */
export const ENTRY_FILES = [
  {
    file: "index.js",
    contents: `"use strict";\n// The bundle is main.js; this file stays small so that import() need not scan it for exports.\nexports.handler = require("./main.js").handler;\n`,
  },
  { file: "package.json", contents: `${JSON.stringify({ type: "commonjs" })}\n` },
];

// The options every bundle is built with (exported for the test that a missing import fails the build).
// The chunks are external dynamic imports; without dynamic import esbuild turns each into a require()
// in a promise, so loading one costs what require() costs (import() from CommonJS would pay the lexer too).
export const COMMON = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  supported: { "dynamic-import": false },
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  // A call zod-lite does not record (or any import that is not there) fails the build, not the first request.
  logOverride: { "import-is-undefined": "error" },
};

export function functionNames() {
  return readdirSync(FUNCTIONS_DIR)
    .filter((name) => statSync(join(FUNCTIONS_DIR, name)).isDirectory())
    .sort();
}

/** esbuild's options for one function's main.js (npm start's watch uses the same). */
export function functionBuildOptions(name, minify = true) {
  return {
    ...COMMON,
    entryPoints: [join(FUNCTIONS_DIR, name, "index.ts")],
    outfile: join(DIST_DIR, name, MAIN_FILE),
    minify,
    plugins: [chunksExternal, zodLite, parserSourceChunk],
  };
}

/** Writes the entry files into a function's folder. */
export function writeEntryFiles(dir) {
  mkdirSync(dir, { recursive: true });
  for (const { file, contents } of ENTRY_FILES) writeFileSync(join(dir, file), contents);
}

/** What a cold start loads and compiles: the entry and main.js (the chunks load only when a setting needs them). */
export function coldStartBytes(dir) {
  return ["index.js", MAIN_FILE].reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
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

/** Where a function's prebuilt parsers go, beside main.js (compiled-schema's prebuiltFile reads them there). */
export const PARSERS_DIR = "parsers";

/** What writes a bundle's parsers, at build time only (npm start's watch rebuilds them when it changes). */
export const PARSER_WRITER_ENTRY = join("shared", "core", "prebuilt-parser.ts");
/** The script that writes a bundle's parsers: `node <script> <main.js> <out.json>`. */
const PARSER_WRITER = [
  `import { prebuiltParsers } from "./${PARSER_WRITER_ENTRY}";`,
  `import { writeFileSync } from "node:fs";`,
  `writeFileSync(process.argv[3], JSON.stringify(prebuiltParsers(require(process.argv[2]).handler)));`,
  `process.exit(0);`,
].join("\n");

/**
 * The parsers of the schemas of a built main.js (shared/core/prebuilt-parser.ts): the bundle is loaded and
 * its handler asked for them, so they are written from the very schemas the bundle builds. In a process of
 * its own: loading a function runs its module's top-level code (the app's handlers among it), which must
 * not hold the build open or print into its output.
 */
export async function prebuiltParsers(mainFile) {
  const dir = mkdtempSync(join(tmpdir(), "parsers-"));
  try {
    const [script, out] = [join(dir, "write-parsers.js"), join(dir, "parsers.json")];
    await build({ ...COMMON, stdin: { contents: PARSER_WRITER, resolveDir: process.cwd(), loader: "ts", sourcefile: "write-parsers.ts" }, outfile: script });
    await promisify(execFile)(process.execPath, [script, resolve(mainFile), out], { env: process.env, maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(readFileSync(out, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes a function's parsers/ afresh (a parser of a schema no longer there must not stay). */
export function writeParsers(dir, files) {
  rmSync(join(dir, PARSERS_DIR), { recursive: true, force: true });
  mkdirSync(join(dir, PARSERS_DIR), { recursive: true });
  for (const f of files) writeFileSync(join(dir, PARSERS_DIR, `${f.name}.js`), f.contents);
}

export async function buildFunction(name, { minify = true, chunks } = {}) {
  const dir = join(DIST_DIR, name);
  const [built] = await Promise.all([chunks ?? buildChunks(minify), build(functionBuildOptions(name, minify))]);
  const parsers = await prebuiltParsers(join(dir, MAIN_FILE));
  writeEntryFiles(dir);
  for (const chunk of built) writeFileSync(join(dir, chunk.file), chunk.contents);
  writeParsers(dir, parsers.files);
  for (const why of parsers.skipped) console.warn(`${dir}: parser generated at run time, ${why}`);
  const code = Buffer.concat(["index.js", MAIN_FILE].map((file) => readFileSync(join(dir, file))));
  const sizeOf = (file) => built.find((c) => c.file === file).contents.length;
  const parserBytes = parsers.files.reduce((sum, f) => sum + f.contents.length, 0);
  return {
    name,
    bytes: code.length,
    gzipBytes: gzipSync(code).length,
    redisBytes: sizeOf(REDIS_CHUNK),
    forwardBytes: sizeOf(FORWARD_CHUNK),
    parsers: parsers.files.length,
    parserBytes,
  };
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
    console.log(
      `${`${DIST_DIR}/${r.name}/ index.js + ${MAIN_FILE}`.padEnd(54)} ${(r.bytes / 1024).toFixed(1).padStart(6)} KB  (gzip ${(r.gzipBytes / 1024).toFixed(1)} KB)  + ${REDIS_CHUNK} ${(r.redisBytes / 1024).toFixed(1)} KB, ${FORWARD_CHUNK} ${(r.forwardBytes / 1024).toFixed(1)} KB, ${r.parsers} parsers ${(r.parserBytes / 1024).toFixed(1)} KB`,
    );
  }
}
