/**
 * npm start's development loop: every bundle built with scripts/build.mjs's own options under esbuild's
 * watch, rebuilt when a source it includes changes. A bundle is written only when its bytes change, and
 * atomically (the function host may be reading it), so the next request runs the new code; a build
 * that fails writes nothing and the last good bundle keeps serving. A function's parsers/ (its schemas'
 * parsers, written by build.mjs's prebuiltParsers from the bundle) are written again with each of its bundles, and
 * the file of a schema the function no longer has is removed, as npm run build would leave it out.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { type BuildContext, type BuildResult, context, type Message, type Plugin } from "esbuild";
import { bundleHash } from "./host/bundle-stamp";
import type { BuildReport } from "./inspector/builds";

/** Contexts that start rebuilding this soon after the others end belong to the same build. */
const SETTLE_MS = 100;

export interface Watch {
  /** Resolves with the first build, once every bundle is built (or failed). */
  readonly first: Promise<BuildReport>;
  stop(): Promise<void>;
}

interface Output {
  readonly file: string;
  readonly contents: Uint8Array;
}

/** Where the bundles go; build.mjs's own value, which it always is. */
const DIST_DIR = "dist";

export async function watchBundles(onBuild: (report: BuildReport) => void): Promise<Watch> {
  // Imported when used: build.mjs is an ES module with a top-level await, which require() cannot load.
  const { CHUNKS, chunkBuildOptions, ENTRY_FILES, functionBuildOptions, functionNames, MAIN_FILE, PARSER_WRITER_ENTRY, PARSERS_DIR, prebuiltParsers } = await import(
    "../build.mjs"
  );
  const names = functionNames();
  let number = 0;
  let running = 0;
  let startedAt = 0;
  let settle: NodeJS.Timeout | undefined;
  let errors: string[] = [];
  let outputs: Output[] = [];
  /** Each rebuilt function's parser files, by folder: what its parsers/ holds once the build is written. */
  let parserFiles = new Map<string, Set<string>>();
  let resolveFirst!: (report: BuildReport) => void;
  const first = new Promise<BuildReport>((resolve) => (resolveFirst = resolve));

  const finish = () => {
    number++;
    const ok = errors.length === 0;
    const written = ok ? [...outputs.filter(writeIfChanged).map((o) => o.file), ...removeStaleParsers(parserFiles)] : [];
    // dist/<function>/main.js, or a file in a folder of it (parsers/): the function's name comes first.
    const changed = new Set(written.map((file) => relative(DIST_DIR, file).split(/[\\/]/)[0]!));
    const bundles: Record<string, string> = {};
    for (const name of names) if (number === 1 || changed.has(name)) bundles[name] = bundleHash(join(DIST_DIR, name, "index.js"));
    const report: BuildReport = { number, at: Date.now(), ok, durationMs: Date.now() - startedAt, errors, bundles };
    errors = [];
    outputs = [];
    parserFiles = new Map();
    onBuild(report);
    if (number === 1) resolveFirst(report);
  };

  const tracker = (collect: (result: BuildResult) => Output[] | Promise<Output[]>): Plugin => ({
    name: "build-report",
    setup(build) {
      build.onStart(() => {
        clearTimeout(settle);
        if (running++ === 0 && outputs.length === 0 && errors.length === 0) startedAt = Date.now();
      });
      build.onEnd(async (result) => {
        errors.push(...result.errors.map(describe));
        try {
          if (result.errors.length === 0) outputs.push(...(await collect(result)));
        } catch (error) {
          errors.push((error as Error).message);
        }
        if (--running === 0) settle = setTimeout(finish, SETTLE_MS);
      });
    },
  });

  /**
   * The parser files of a function's bundle (`main`, its main.js not yet written, else the one in dist/), as
   * the build writes them; what its parsers/ is to hold is noted for finish.
   */
  const parsersOf = async (name: string, main?: Uint8Array): Promise<Output[]> => {
    const built = main ? await parsersOfUnwritten(main) : await prebuiltParsers(join(DIST_DIR, name, MAIN_FILE));
    const files = built.files.map((f) => ({ file: join(DIST_DIR, name, PARSERS_DIR, `${f.name}.js`), contents: Buffer.from(f.contents) }));
    parserFiles.set(join(DIST_DIR, name, PARSERS_DIR), new Set(files.map((f) => f.file)));
    return files;
  };
  /** prebuiltParsers of a main.js still in memory: written to a folder of its own for the writer to load. */
  const parsersOfUnwritten = async (main: Uint8Array) => {
    const dir = mkdtempSync(join(tmpdir(), "watch-main-"));
    try {
      writeFileSync(join(dir, MAIN_FILE), main);
      return await prebuiltParsers(join(dir, MAIN_FILE));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  const contexts: BuildContext[] = [];
  // The code that writes the parsers is in no function's bundle: a change to it writes every function's parsers
  // again, from the bundles in dist/. Its first build writes nothing: each function's own first build writes its parsers.
  let writerBuilds = 0;
  const writer = tracker(async () => (writerBuilds++ === 0 ? [] : (await Promise.all(names.map((name) => parsersOf(name)))).flat()));
  contexts.push(await context({ entryPoints: [PARSER_WRITER_ENTRY], bundle: true, platform: "node", write: false, logLevel: "silent", plugins: [writer] }));
  for (const name of names) {
    const options = functionBuildOptions(name);
    // The bundle is main.js; the entry files beside it (index.js, package.json) never change, written with it.
    const entry = ENTRY_FILES.map((e) => ({ file: join(DIST_DIR, name, e.file), contents: Buffer.from(e.contents) }));
    const plugin = tracker(async (result) => {
      const main = result.outputFiles![0]!.contents;
      return [...entry, ...(await parsersOf(name, main)), { file: join(DIST_DIR, name, MAIN_FILE), contents: main }];
    });
    contexts.push(await context({ ...options, write: false, logLevel: "silent", plugins: [...(options.plugins ?? []), plugin] }));
  }
  for (const chunk of CHUNKS) {
    // One chunk, written beside every function's index.js.
    const plugin = tracker((result) => names.map((name) => ({ file: join(DIST_DIR, name, chunk.file), contents: result.outputFiles![0]!.contents })));
    contexts.push(await context({ ...chunkBuildOptions(chunk), logLevel: "silent", plugins: [plugin] }));
  }
  await Promise.all(contexts.map((ctx) => ctx.watch()));
  return {
    first,
    async stop() {
      clearTimeout(settle);
      await Promise.all(contexts.map((ctx) => ctx.dispose()));
    },
  };
}

/** Writes through a temporary file and a rename; says whether the bytes changed. */
function writeIfChanged(output: Output): boolean {
  if (existsSync(output.file) && Buffer.from(readFileSync(output.file)).equals(Buffer.from(output.contents))) return false;
  mkdirSync(dirname(output.file), { recursive: true });
  const temporary = `${output.file}.${process.pid}.tmp`;
  writeFileSync(temporary, output.contents);
  renameSync(temporary, output.file);
  return true;
}

/** Removes the parser files a rebuilt function no longer names; returns them, as written files are returned. */
function removeStaleParsers(parserFiles: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const removed: string[] = [];
  for (const [dir, kept] of parserFiles) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir)) {
      const file = join(dir, entry);
      if (entry.endsWith(".js") && !kept.has(file)) {
        rmSync(file, { force: true });
        removed.push(file);
      }
    }
  }
  return removed;
}

function describe(message: Message): string {
  const at = message.location ? `${message.location.file}:${message.location.line}:${message.location.column}: ` : "";
  return `${at}${message.text}`;
}

/** The line npm start prints for a build. */
export function buildLine(report: BuildReport): string {
  const took = `${report.durationMs} ms`;
  if (!report.ok) return `build #${report.number} failed: ${report.errors.join("; ")} (the last good bundles keep serving)`;
  const written = Object.keys(report.bundles).map((name) => `${DIST_DIR}/${name}/index.js`);
  if (report.number === 1) return `build #1: ${written.length} bundle(s) ready, ${written.join(", ")} (${took})`;
  return `build #${report.number}: ${written.length ? `rebuilt ${written.join(", ")}` : "no bundle changed"} (${took}); the next request runs it`;
}
