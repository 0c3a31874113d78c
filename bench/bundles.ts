// Builds the floor receivers with the product's own esbuild options, and names every bundle.
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { platformOf } from "./requests";

/** The floor receivers, one per protocol: bench/floor/<kind>.ts. */
export type FloorKind = "tencent" | "sud" | "sud-app" | "yuanjing";
export const FLOOR_KINDS: readonly FloorKind[] = ["tencent", "sud", "sud-app", "yuanjing"];
/** The Tencent floor with the product's zod check of one command (bench/zod-share.ts). */
export type ZodShareFloor = "tencent-zod";

/** Bench bundles live in the package cache: built on every run, never committed, never deployed. */
export const BENCH_OUT = join("node_modules", ".cache", "bench");

export const floorBundle = (kind: FloorKind | ZodShareFloor, out = BENCH_OUT): string => join(out, `floor-${kind}`, "index.js");
export const functionBundle = (name: string): string => join("dist", name, "index.js");

/** The floor that does what function `fn` does. */
export function floorOf(fn: string): FloorKind {
  const platform = platformOf(fn);
  if (platform !== "sud") return platform;
  return fn === "sud-notify" || fn === "sud-player-status" ? "sud" : "sud-app";
}

/**
 * Same options and layout as scripts/build.mjs (the two-line index.js and package.json beside a minified
 * CommonJS main.js for node20), so cold starts on both loader paths compare like with like.
 */
export async function buildFloor(kind: FloorKind | ZodShareFloor, out = BENCH_OUT): Promise<string> {
  // Imported when used: build.mjs is an ES module with a top-level await, which require() cannot load.
  const { MAIN_FILE, writeEntryFiles } = await import("../scripts/build.mjs");
  const entry = floorBundle(kind, out);
  await build({
    entryPoints: [join("bench", "floor", `${kind}.ts`)],
    outfile: join(dirname(entry), MAIN_FILE),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    sourcemap: false,
    legalComments: "none",
    logLevel: "warning",
  });
  writeEntryFiles(dirname(entry));
  return entry;
}

export async function buildFloors(out = BENCH_OUT): Promise<void> {
  for (const kind of FLOOR_KINDS) await buildFloor(kind, out);
}
