// Turns the measurements into the one table `npm run bench` prints, and the ratios against the targets.
import type { Size } from "./bundles";
import type { ColdStarts } from "./cold-start";
import { HTTP_LOAD, type HttpComparison, type HttpFigures } from "./http";
import type { Timing } from "./measure";
import { PER_REQUEST } from "./per-request";
import { PLATFORM_OF, type Platform, type Sample, SAMPLE_OF_FUNCTION } from "./requests";
import { kb, mark, markdownTable, ms, ratio, us } from "./table";

export type Shape = "lambda" | "fc";

/** Where each figure is filed. Floors and usual stacks are per platform for size and cold start. */
export const key = {
  fn: (name: string, shape?: Shape) => `fn:${name}${shape ? `:${shape}` : ""}`,
  floor: (of: Sample | Platform, shape?: Shape) => `floor:${of}${shape ? `:${shape}` : ""}`,
  usual: (of: Sample | Platform) => `usual:${of}`,
};

export const TARGETS = { perRequestVsFloor: 2, bundleBytes: 60 * 1024, coldStartMs: 15, httpVsBare: 0.8 };

export interface Results {
  readonly functions: readonly string[];
  readonly perRequest: ReadonlyMap<string, Timing>;
  readonly sizes: ReadonlyMap<string, Size>;
  readonly cold: ColdStarts;
  readonly http: ReadonlyMap<string, HttpComparison | Error>;
}

const timing = (t: Timing | undefined) => (t ? `${us(t.medianUs)} / ${us(t.p99Us)}` : "—");
const size = (s: Size | undefined) => (s ? `${kb(s.bytes)} / ${kb(s.gzipBytes)}` : "—");
const http = (h: HttpFigures) => `${h.requestsPerSecond.toFixed(0)} (${h.p50Ms} / ${h.p99Ms})`;
const div = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? NaN : a / b);

export function report(r: Results): { table: string; summary: string } {
  const rows: string[][] = [];
  const worst = { perRequest: [0, ""] as [number, string], bundle: [0, ""] as [number, string], cold: [0, ""] as [number, string], http: [Infinity, ""] as [number, string] };
  const vsUsual = { perRequest: [] as number[], bundle: [] as number[], cold: [] as number[] };
  const note = (slot: [number, string], value: number, who: string, higherIsWorse = true) => {
    if (Number.isFinite(value) && (higherIsWorse ? value > slot[0] : value < slot[0])) [slot[0], slot[1]] = [value, who];
  };

  for (const fn of r.functions) {
    const sample = SAMPLE_OF_FUNCTION[fn]!;
    const platform = PLATFORM_OF[sample];
    for (const shape of ["lambda", "fc"] as const) {
      const ours = r.perRequest.get(key.fn(fn, shape));
      const floor = r.perRequest.get(key.floor(sample, shape));
      const usual = shape === "lambda" ? r.perRequest.get(key.usual(sample)) : undefined;
      const vsFloor = div(ours?.medianUs, floor?.medianUs);
      note(worst.perRequest, vsFloor, `${fn}, ${shape}`);
      if (usual) vsUsual.perRequest.push(div(ours?.medianUs, usual.medianUs));
      rows.push([
        fn,
        `per request, ${shape === "lambda" ? "Lambda v2" : "FC HTTP"}: median / p99 µs`,
        timing(ours),
        timing(floor),
        shape === "lambda" ? timing(usual) : "n/a",
        ratio(vsFloor),
        ratio(div(ours?.medianUs, usual?.medianUs)),
        `≤ ${TARGETS.perRequestVsFloor}× floor ${mark(vsFloor <= TARGETS.perRequestVsFloor)}`,
      ]);
    }
    const bytes = r.sizes.get(key.fn(fn));
    const usualBytes = r.sizes.get(key.usual(platform));
    note(worst.bundle, bytes?.bytes ?? NaN, fn);
    vsUsual.bundle.push(div(bytes?.bytes, usualBytes?.bytes));
    rows.push([
      fn,
      "bundle index.js: minified / gzip KB",
      size(bytes),
      size(r.sizes.get(key.floor(platform))),
      size(usualBytes),
      ratio(div(bytes?.bytes, r.sizes.get(key.floor(platform))?.bytes)),
      ratio(div(bytes?.bytes, usualBytes?.bytes)),
      `≤ ${TARGETS.bundleBytes / 1024} KB ${mark((bytes?.bytes ?? Infinity) <= TARGETS.bundleBytes)}`,
    ]);
    const cold = r.cold.overBareMs.get(key.fn(fn));
    const usualCold = r.cold.overBareMs.get(key.usual(platform));
    note(worst.cold, cold ?? NaN, fn);
    vsUsual.cold.push(div(cold, usualCold));
    rows.push([
      fn,
      "cold start over bare node: ms",
      cold === undefined ? "—" : ms(cold),
      ms(r.cold.overBareMs.get(key.floor(platform)) ?? NaN),
      usualCold === undefined ? "—" : ms(usualCold),
      ratio(div(cold, r.cold.overBareMs.get(key.floor(platform)))),
      ratio(div(cold, usualCold)),
      `≤ ${TARGETS.coldStartMs} ms ${mark((cold ?? Infinity) <= TARGETS.coldStartMs)}`,
    ]);
  }

  for (const [fn, result] of r.http) {
    if (result instanceof Error) {
      rows.push([fn, "HTTP via emulator", `failed: ${result.message.split("\n")[0]}`, "", "", "", "", ""]);
      continue;
    }
    const vsBare = result.emulator.requestsPerSecond / result.bare.requestsPerSecond;
    note(worst.http, vsBare, fn, false);
    rows.push([fn, "HTTP via emulator: req/s (p50 / p99 ms)", http(result.emulator), http(result.bare), "n/a", ratio(vsBare), "", `≥ ${TARGETS.httpVsBare}× bare ${mark(vsBare >= TARGETS.httpVsBare)}`]);
    rows.push([fn, "HTTP, bundle in-process (no emulator)", http(result.direct), http(result.bare), "n/a", ratio(result.direct.requestsPerSecond / result.bare.requestsPerSecond), "", "reference"]);
    rows.push([fn, "HTTP, floor in-process (the ceiling)", http(result.floorDirect), http(result.bare), "n/a", ratio(result.floorDirect.requestsPerSecond / result.bare.requestsPerSecond), "", "reference"]);
  }

  const table = markdownTable(["function", "measure", "ours", "floor ¹", "usual stack ²", "ours ÷ floor", "ours ÷ usual", "target"], rows);
  const range = (xs: number[]) => (xs.length ? `${ratio(Math.min(...xs))}–${ratio(Math.max(...xs))}` : "—");
  const summary = [
    "¹ floor: a minimal hand-written receiver (bench/floor); for the HTTP rows, a bare node:http server answering the same fixed ack.",
    "² usual stack: Powertools Parser, ApiGatewayV2Envelope + full-zod schemas (bench/usual-stack); Lambda v2 events only.",
    `Per request: ${PER_REQUEST.iterations} calls per subject after ${PER_REQUEST.warmup} warm-up calls, the subjects of a sample taking turns in blocks of ${PER_REQUEST.block}; every receiver writes one JSON log line per event to a null sink.`,
    `HTTP: ${HTTP_LOAD.connections} connections on loopback, ${HTTP_LOAD.seconds} s per run, the best of ${HTTP_LOAD.rounds} rounds per server; latency in whole ms (autocannon's resolution).`,
    "",
    `Targets (worst case): per request ${ratio(worst.perRequest[0])} floor (${worst.perRequest[1]}; target ≤ ${TARGETS.perRequestVsFloor}×), ` +
      `largest bundle ${kb(worst.bundle[0])} KB (${worst.bundle[1]}; ≤ ${TARGETS.bundleBytes / 1024} KB), ` +
      `cold start ${ms(worst.cold[0])} ms over bare node (${worst.cold[1]}; ≤ ${TARGETS.coldStartMs} ms), ` +
      `emulator ${Number.isFinite(worst.http[0]) ? ratio(worst.http[0]) : "—"} of bare throughput (${worst.http[1] || "n/a"}; ≥ ${TARGETS.httpVsBare}×).`,
    `Against the usual stack: per request ${range(vsUsual.perRequest)}, bundle ${range(vsUsual.bundle)}, cold start ${range(vsUsual.cold)} (ours ÷ usual; below 1× is better).`,
    `Bare node start (process start to user code): ${ms(r.cold.bareNodeMs)} ms.`,
  ].join("\n");
  return { table, summary };
}
