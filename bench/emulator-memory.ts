// The emulator's memory with the inspector's history full: autocannon on loopback sends more requests
// than the history keeps, then the heap is measured after a full collection.
//   node --expose-gc --import tsx bench/emulator-memory.ts    (EMULATOR_HISTORY, MEMORY_REQUESTS to change the run)
import autocannon from "autocannon";
import { DEV_CREDENTIALS } from "../scripts/dev-credentials";
import { startEmulator } from "../scripts/emulator/index";
import { buildCallback } from "../scripts/send/build";
import { withQuery } from "../scripts/send/deliver";

const requests = Number(process.env.MEMORY_REQUESTS ?? 6000);
const limit = Number(process.env.EMULATOR_HISTORY ?? 2000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc --import tsx bench/emulator-memory.ts");

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
function heap(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

async function main() {
  const emulator = await startEmulator({ port: 0, env: { ...DEV_CREDENTIALS }, log: () => {}, functionOutput: () => {}, historyLimit: limit });
  try {
    const { request } = buildCallback("tencent-live-battle-end", { settings: DEV_CREDENTIALS });
    const url = withQuery(`${emulator.url}/fc/tencent-live-battle-end`, request.query);
    // The first request starts the instance: measured from after it.
    await fetch(url, { method: "POST", headers: request.headers, body: request.body });
    const before = heap();
    const result = await autocannon({ url, connections: 8, amount: requests, requests: [{ method: "POST", headers: request.headers, body: request.body }] });
    const after = heap();
    const status = (await (await fetch(`${emulator.url}/_inspector/api/status`)).json()) as { history: { size: number; dropped: number; bytes: number } };
    console.log(
      `${requests} requests (${result.errors} errors), ${(result.requests.average).toFixed(0)} req/s; history ${status.history.size} kept, ${status.history.dropped} dropped`,
    );
    console.log(
      `heap: ${mb(before)} before, ${mb(after)} with the history full: ${mb(after - before)} for ${status.history.size} requests (${((after - before) / status.history.size / 1024).toFixed(1)} KB each; bodies and log lines ${mb(status.history.bytes)})`,
    );
    console.log(`rss (main thread and the function's worker): ${mb(process.memoryUsage().rss)}`);
  } finally {
    await emulator.close();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
