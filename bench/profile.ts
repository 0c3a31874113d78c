// Where a function's per-request time goes: tsx bench/profile.ts <function> [lambda|fc]
// Builds the function unminified (readable names), runs the per-request worker under --cpu-prof, and
// prints the frames with the most self time. Building the events shows up too (bench/requests.ts).
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { BENCH_OUT } from "./bundles";
import { measureTogether } from "./per-request";
import { FUNCTION_NAMES } from "./requests";

const REDIS_ENTRY = resolve("shared", "delivery", "redis", "connect.ts");

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

async function buildReadable(fn: string): Promise<string> {
  const outfile = join(BENCH_OUT, `profile-${fn}`, "index.js");
  await build({
    entryPoints: [join("functions", fn, "index.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    logLevel: "warning",
    // The Redis client is loaded only with REDIS_URL; leave it out, as scripts/build.mjs does.
    plugins: [
      {
        name: "no-redis",
        setup: (b) =>
          b.onResolve({ filter: /[\\/]connect$/ }, (args) => (resolve(args.resolveDir, `${args.path}.ts`) === REDIS_ENTRY ? { path: "./redis.js", external: true } : undefined)),
      },
    ],
  });
  return outfile;
}

function profileRun(file: string, fn: string, shape: "lambda" | "fc", dir: string): Promise<unknown> {
  const settings = { warmup: 3000, iterations: 30_000, block: 30_000, maxMs: 10_000 };
  return measureTogether([{ file, fn, shape }], ["--cpu-prof", `--cpu-prof-dir=${dir}`], settings);
}

function topSelfTime(profileFile: string, count: number): string[] {
  const profile = JSON.parse(readFileSync(profileFile, "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)!.callFrame;
    const name = `${frame.functionName || "(anonymous)"} ${frame.url.split("/").slice(-2).join("/")}:${frame.lineNumber + 1}`;
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(name, (self.get(name) ?? 0) + dt);
    total += dt;
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, t]) => `${((100 * t) / total).toFixed(1).padStart(5)}%  ${name}`);
}

async function main() {
  const [fn, shape = "lambda"] = process.argv.slice(2);
  if (!fn || !(FUNCTION_NAMES as string[]).includes(fn) || (shape !== "lambda" && shape !== "fc")) {
    throw new Error(`usage: tsx bench/profile.ts <${FUNCTION_NAMES.join("|")}> [lambda|fc]`);
  }
  const dir = mkdtempSync(join(tmpdir(), "bench-profile-"));
  await profileRun(resolve(await buildReadable(fn)), fn, shape, dir);
  // The worker thread tsx starts writes a profile too; the main thread's is the largest.
  const files = readdirSync(dir).map((f) => join(dir, f));
  const main = files.sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0]!;
  console.log(`${fn} (${shape}): self time, top frames (profile: ${main})`);
  console.log(topSelfTime(main, 30).join("\n"));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
