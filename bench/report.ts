// The one table of `npm run bench`: every figure beside its baseline, its ratio or difference, and its target.
import type { GiftTiming } from "./answer-time";
import type { ColdFigures } from "./cold-start";
import type { Latency } from "./end-to-end";
import type { FirstCallback } from "./first-callback";
import type { Instructions } from "./instructions";
import type { Timing } from "./measure";
import { M, mark, markdownTable, ms, ratio, us } from "./table";

/** The targets of issue 13 (and issue 10's for the gift check). */
export const TARGETS = {
  perRequestVsFloor: 1.2,
  coldOverBareMs: 10,
  importVsRequire: 1.2,
  firstOverWarmMs: 3,
  firstForwardMs: 30,
  firstRedisMs: 120,
  warmForwardOverPostMs: 0.2,
  giftShareMs: 1,
};

export interface Results {
  readonly functions: readonly string[];
  /** By `${fn}` and `floor:${fn}`. */
  readonly instructions: ReadonlyMap<string, Instructions> | string;
  readonly perRequest: ReadonlyMap<string, Timing>;
  /** By `${fn}:${loader}`, `floor:${fn}:${loader}` and `bare:${loader}`; instructions of the cold window by `${fn}:${loader}` and `bare:${loader}`. */
  readonly cold: ReadonlyMap<string, ColdFigures>;
  readonly firstCallback: ReadonlyMap<string, FirstCallback>;
  readonly warmForward?: WarmForward;
  readonly endToEnd: ReadonlyMap<string, ReadonlyMap<number, Latency>>;
  readonly gift?: { floor: GiftTiming; memory: GiftTiming; redis: GiftTiming };
}

/** bench/forward-warm.ts's medians: with and without forwarding, the bare POST alone, and without forwarding then the bare POST. */
export interface WarmForward {
  readonly fn: string;
  readonly forwardingMs: number;
  readonly plainMs: number;
  readonly postMs: number;
  readonly placedMs: number;
}

const k = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? "—" : `${(n / 1000).toFixed(1)} k`);
const at = (value: number, target: number, text: string) => `${text} ${Number.isFinite(value) ? mark(value <= target) : "—"}`;
const ms3 = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : "—");

export function report(r: Results): string {
  const rows: string[][] = [];
  const cg = typeof r.instructions === "string" ? undefined : r.instructions;
  for (const fn of r.functions) {
    const ours = cg?.get(`${fn}:warm`)?.perRequest;
    const floor = cg?.get(`floor:${fn}`)?.perRequest;
    const spread = (s: number | undefined) => (s === undefined ? "" : ` ±${((s / 2) * 100).toFixed(1)} %`);
    rows.push([
      fn,
      "per request: instructions (± half the windows' spread)",
      `${k(ours)}${spread(cg?.get(`${fn}:warm`)?.spread)}`,
      `${k(floor)}${spread(cg?.get(`floor:${fn}`)?.spread)}`,
      ratio((ours ?? NaN) / (floor ?? NaN)),
      at((ours ?? NaN) / (floor ?? NaN), TARGETS.perRequestVsFloor, `≤ ${TARGETS.perRequestVsFloor}× floor`),
    ]);
    const t = r.perRequest.get(fn);
    const ft = r.perRequest.get(`floor:${fn}`);
    const tr = (t?.medianUs ?? NaN) / (ft?.medianUs ?? NaN);
    rows.push([
      fn,
      "per request: µs, median (p99)",
      t ? `${us(t.medianUs)} (${us(t.p99Us)})` : "—",
      ft ? `${us(ft.medianUs)} (${us(ft.p99Us)})` : "—",
      ratio(tr),
      at(tr, TARGETS.perRequestVsFloor, `≤ ${TARGETS.perRequestVsFloor}× floor`),
    ]);
    for (const loader of ["require", "import"] as const) {
      const c = r.cold.get(`${fn}:${loader}`);
      const bare = r.cold.get(`bare:${loader}`);
      const over = (c?.coldMs ?? NaN) - (bare?.coldMs ?? NaN);
      const floorOver = (r.cold.get(`floor:${fn}:${loader}`)?.coldMs ?? NaN) - (bare?.coldMs ?? NaN);
      const ci = cg?.get(`${fn}:${loader}`)?.cold;
      const bi = cg?.get(`bare:${loader}`)?.cold;
      // The floor's own load and first request, on the require path: what a cold start that does the same work costs.
      const fi = loader === "require" ? (cg?.get(`floor:${fn}`)?.cold ?? NaN) - (bi ?? NaN) : NaN;
      const baseline = loader === "require" ? `floor ${M(fi)}` : `bare ${M(bi)}`;
      rows.push([
        fn,
        `cold start, ${loader}(): instructions over bare node`,
        M((ci ?? NaN) - (bi ?? NaN)),
        baseline,
        loader === "require" ? ratio(((ci ?? NaN) - (bi ?? NaN)) / fi) : "",
        "reference",
      ]);
      rows.push([
        fn,
        `cold start, ${loader}(): ms over bare node`,
        ms(over),
        `floor ${ms(floorOver)}; bare ${ms(bare?.coldMs ?? NaN)}`,
        `+${ms(over)} ms`,
        at(over, TARGETS.coldOverBareMs, `≤ ${TARGETS.coldOverBareMs} ms`),
      ]);
    }
    const req = (r.cold.get(`${fn}:require`)?.coldMs ?? NaN) - (r.cold.get("bare:require")?.coldMs ?? NaN);
    const imp = (r.cold.get(`${fn}:import`)?.coldMs ?? NaN) - (r.cold.get("bare:import")?.coldMs ?? NaN);
    const reqI = (cg?.get(`${fn}:require`)?.cold ?? NaN) - (cg?.get("bare:require")?.cold ?? NaN);
    const impI = (cg?.get(`${fn}:import`)?.cold ?? NaN) - (cg?.get("bare:import")?.cold ?? NaN);
    rows.push([
      fn,
      "cold start: import() ÷ require(), instructions (ms)",
      `${ratio(impI / reqI)} (${ratio(imp / req)})`,
      "",
      "",
      at(impI / reqI, TARGETS.importVsRequire, `≤ ${TARGETS.importVsRequire}×`),
    ]);
    const c = r.cold.get(`${fn}:require`);
    const first = (c?.firstMs ?? NaN) - (c?.warmMs ?? NaN);
    const f = r.cold.get(`floor:${fn}:require`);
    rows.push([
      fn,
      "first request over a warm one: ms",
      ms(c?.firstMs ?? NaN),
      `floor +${ms((f?.firstMs ?? NaN) - (f?.warmMs ?? NaN))}; warm ${ms3(c?.warmMs ?? NaN)}`,
      `+${ms(first)} ms`,
      at(first, TARGETS.firstOverWarmMs, `≤ ${TARGETS.firstOverWarmMs} ms`),
    ]);
    const fc = r.firstCallback.get(fn);
    if (fc) {
      rows.push([fn, "first callback with forwarding, over warm: ms", ms(fc.forwardMs), "", "", at(fc.forwardMs, TARGETS.firstForwardMs, `≤ ${TARGETS.firstForwardMs} ms`)]);
      rows.push([fn, "first callback with Redis, over warm: ms", ms(fc.redisMs), "", "", at(fc.redisMs, TARGETS.firstRedisMs, `≤ ${TARGETS.firstRedisMs} ms`)]);
    }
  }
  if (r.warmForward) {
    const w = r.warmForward;
    const cost = w.forwardingMs - w.plainMs;
    rows.push([
      w.fn,
      "warm forward: ms (with − without forwarding)",
      ms3(cost),
      `bare POST ${ms3(w.postMs)}`,
      `${cost - w.postMs >= 0 ? "+" : ""}${ms3(cost - w.postMs)} ms`,
      at(cost - w.postMs, TARGETS.warmForwardOverPostMs, `≤ +${TARGETS.warmForwardOverPostMs} ms`),
    ]);
    const placedPost = w.placedMs - w.plainMs;
    const over = w.forwardingMs - w.placedMs;
    rows.push([
      w.fn,
      "warm forward over a bare POST in its place: ms",
      ms3(cost),
      `bare POST there ${ms3(placedPost)}`,
      `${over >= 0 ? "+" : ""}${ms3(over)} ms`,
      at(over, TARGETS.warmForwardOverPostMs, `≤ +${TARGETS.warmForwardOverPostMs} ms`),
    ]);
  }
  for (const [fn, byFlight] of r.endToEnd) {
    for (const [inFlight, l] of byFlight) {
      rows.push([fn, `end to end, Redis + forwarding, ${inFlight} in flight: ms p50 / p99`, `${ms3(l.p50Ms)} / ${ms3(l.p99Ms)}`, `${l.requests} requests`, "", "reference"]);
    }
  }
  if (r.gift) {
    const g = r.gift;
    for (const [name, t] of [
      ["memory dedupe", g.memory],
      ["Redis dedupe", g.redis],
    ] as const) {
      const share = t.medianMs - g.floor.medianMs;
      rows.push([
        "tencent-live (gift check)",
        `receipt to answer, ${name}: ms median (p99)`,
        `${ms3(t.medianMs)} (${ms3(t.p99Ms)})`,
        `${ms3(g.floor.medianMs)} (${ms3(g.floor.p99Ms)})`,
        `share ${ms3(share)} ms`,
        at(share, TARGETS.giftShareMs, `share < ${TARGETS.giftShareMs} ms`),
      ]);
    }
  }
  return markdownTable(["function", "measure", "ours", "floor / baseline", "ratio / difference", "target"], rows);
}
