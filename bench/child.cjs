// One fresh instance, as FC and Lambda start one: load dist/<fn>/index.js the runtime's way (require() or
// import()), answer the first event, then warm ones. Plain CommonJS run by bare node (no tsx), so that
// nothing of the harness is loaded in the windows measured.
//
// Under callgrind (BENCH_CALLGRIND=1, valgrind started with --instr-atstart=no): the parent switches
// instrumentation on (callgrind_control) just before each window and off after it, so node's own start and
// the warm-up run at valgrind's uninstrumented speed; os.loadavg() (uv_loadavg) zeroes the counters and
// os.uptime() (uv_uptime) dumps them. Dump 1 holds the load and the first request, dumps 2… each a window of
// BENCH_COUNT requests (BENCH_WINDOWS of them, back to back) after BENCH_WARMUP warm ones. The warm events are asked of the parent once the first is answered,
// outside both windows, so that they are signed at their receipt time however slow the start was; they come
// in a file the parent names.
//   BENCH_FILE, BENCH_LOADER (require | import), BENCH_EVENT (the first event's file), BENCH_WARMUP, BENCH_COUNT
const os = require("node:os");
const fs = require("node:fs");
const { pathToFileURL } = require("node:url");

/** Sends a message to the parent and waits for its reply. */
const ask = (message) =>
  new Promise((resolve) => {
    process.once("message", resolve);
    process.send(message);
  });
const callgrind = process.env.BENCH_CALLGRIND === "1";
const instrument = (on) => (callgrind ? ask({ type: "instrument", on }) : undefined);
// BENCH_COLD=0: the load and first request are not wanted, so not instrumented (their dump is then empty).
const countCold = process.env.BENCH_COLD !== "0";

async function main() {
  const first = JSON.parse(fs.readFileSync(process.env.BENCH_EVENT, "utf8"));
  const warmup = Number(process.env.BENCH_WARMUP || 0);
  const count = Number(process.env.BENCH_COUNT || 0);
  const windows = Number(process.env.BENCH_WINDOWS || 1);
  const file = process.env.BENCH_FILE;
  const ok = (answer, i) => {
    if (answer?.statusCode !== 200) throw new Error(`event ${i} was answered ${JSON.stringify(answer)}`);
  };
  if (countCold) await instrument(true);
  const t0 = performance.now();
  os.loadavg();
  const loaded = process.env.BENCH_LOADER === "import" ? await import(pathToFileURL(file).href) : require(file);
  const handler = loaded.handler ?? loaded.default.handler;
  const t1 = performance.now();
  ok(await handler(first), 0);
  const t2 = performance.now();
  os.uptime();
  if (countCold) await instrument(false);
  // The parent answers with the file it wrote them to (read whole: the same allocations every run).
  const events = warmup + count > 0 ? JSON.parse(fs.readFileSync(await ask({ type: "events" }), "utf8")) : [];
  const warm = [];
  for (let i = 0; i < warmup; i++) {
    const start = performance.now();
    ok(await handler(events[i]), i + 1);
    warm.push(performance.now() - start);
  }
  if (count > 0) {
    await instrument(true);
    // BENCH_WINDOWS windows of BENCH_COUNT requests back to back, one dump each.
    for (let w = 0, i = warmup; w < windows; w++) {
      os.loadavg();
      for (const end = i + count; i < end; i++) ok(await handler(events[i]), i + 1);
      os.uptime();
    }
  }
  // The last half of the warm requests: past the first few, which still pay for lazy compilation.
  const late = warm.slice(warm.length >> 1).sort((a, b) => a - b);
  const warmMs = late.length ? late[late.length >> 1] : NaN;
  await ask({ type: "times", startMs: t0, loadedMs: t1, answeredMs: t2, warmMs });
  // A Redis connection or keep-alive socket would hold the process open: its job is done.
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`bench child: ${error.stack || error}\n`);
  process.exit(2);
});
