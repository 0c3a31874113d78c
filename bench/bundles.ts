// Builds the floor and usual-stack receivers with the product's own esbuild options, and sizes every bundle.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import type { Platform } from "./requests";

export type Kind = "floor" | "usual-stack";

/** Bench bundles live in the package cache: built on every run, never committed, never deployed. */
export const BENCH_OUT = join("node_modules", ".cache", "bench");

export const benchBundle = (kind: Kind, platform: Platform): string => join(BENCH_OUT, `${kind}-${platform}`, "index.js");
export const functionBundle = (name: string): string => join("dist", name, "index.js");

export interface Size {
  readonly bytes: number;
  readonly gzipBytes: number;
}

export function sizeOf(file: string): Size {
  const code = readFileSync(file);
  return { bytes: code.length, gzipBytes: gzipSync(code).length };
}

/** Same options as scripts/build.mjs, so sizes and cold starts compare like with like. */
export async function buildBenchBundle(kind: Kind, platform: Platform): Promise<string> {
  const outfile = benchBundle(kind, platform);
  await build({
    entryPoints: [join("bench", kind, `${platform}.ts`)],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    sourcemap: false,
    legalComments: "none",
    logLevel: "warning",
  });
  return outfile;
}
