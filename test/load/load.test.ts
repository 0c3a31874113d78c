/**
 * A bounded loopback load test: the local emulator (every bundle in its own instance, as FC runs
 * it) under autocannon, with signed SUD and Tencent callbacks that each carry a distinct id, shared
 * dedupe on the real Redis, a Redis stream and a signed forward to a loopback backend. It checks
 * that nothing errs and memory stays flat; the rate and p99 are printed, not asserted.
 */
import { copyFileSync, cpSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_CREDENTIALS } from "../../scripts/dev-credentials";
import { type Emulator, startEmulator } from "../../scripts/emulator";
import { sudSign, tencentSign } from "../helpers/sign";
import { type Backend, FORWARD_SECRET, startBackend } from "../redis/helpers/backend";
import { ensureBuilt } from "../redis/helpers/bundles";
import { cleanPrefix, REDIS_URL, requireRedis, testClient, uniquePrefix } from "../redis/helpers/redis";
import { tempDir } from "../helpers/temp";

const redis = await requireRedis();
/**
 * Rounds of load: the first lets the instances reach their working size, the later ones show whether
 * memory keeps growing. LOAD_ROUNDS / LOAD_ROUND_S make a longer soak by hand; the suite runs 2 × 4 s.
 */
const ROUNDS = Math.max(2, Number(process.env.LOAD_ROUNDS) || 2);
const ROUND_S = Math.max(1, Number(process.env.LOAD_ROUND_S) || 4);
const CONNECTIONS = 6;
const MB = 1024 * 1024;

/** A SUD notification with a fresh notify_id, signed with the development credentials. */
function sudRequest(n: number, run: string) {
  const body = JSON.stringify({
    notify_id: `${run}-sud-${n}`,
    notify_time: String(Date.now()),
    app_id: DEV_CREDENTIALS.SUD_APP_ID,
    notify_event: "sud.mg.merchant.player.status",
    data: { mg_id: "1468180338417074177", room_id: "9009", event: "manage_status", players: [{ uid: `u${n}`, timestamp: String(Date.now()), payload: { is_managed: 1 } }] },
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = `n${n}`;
  const signature = sudSign(DEV_CREDENTIALS.SUD_APP_SECRET, DEV_CREDENTIALS.SUD_APP_ID, timestamp, nonce, body);
  return {
    key: `sud:${run}-sud-${n}`,
    path: "/fc/sud-notify/",
    body,
    headers: { "content-type": "application/json", "sud-appid": DEV_CREDENTIALS.SUD_APP_ID, "sud-timestamp": timestamp, "sud-nonce": nonce, "sud-signature": signature },
  };
}

/** A Tencent battle-end callback with a fresh BattleId, signed with the development token. */
function tencentRequest(n: number, run: string) {
  const now = Date.now();
  const time = Math.floor(now / 1000);
  const body = JSON.stringify({
    CallbackCommand: "Live.CallbackAfterEndBattle",
    BattleId: `${run}/tc+${n}=`,
    Duration: 300000,
    CreateTime: time,
    StartTime: time,
    EndTime: time,
    OpType: 0,
    FromRoomInfo: { RoomId: "a", Owner_Account: "144115245353757792", Score: 3 },
    ToRoomList: [{ RoomId: "b", Owner_Account: "h2", Score: 1 }],
    EventTime: now,
  });
  const sign = tencentSign(DEV_CREDENTIALS.TENCENT_CALLBACK_TOKEN, time);
  const query = new URLSearchParams({
    SdkAppid: DEV_CREDENTIALS.TENCENT_SDK_APP_ID,
    CallbackCommand: "Live.CallbackAfterEndBattle",
    contenttype: "json",
    RequestTime: String(time),
    Sign: sign,
  });
  const key = `tencent-live:Live.CallbackAfterEndBattle:${run}/tc+${n}=`;
  return { key, path: `/fc/tencent-live/?${query}`, body, headers: { "content-type": "application/json" } };
}

/**
 * The deploy files and bundles copied aside: the emulator restarts an instance whose bundle changes,
 * and a build running elsewhere (another suite, a developer) must not restart one under load.
 */
function snapshot(): string {
  const root = tempDir("load-");
  for (const file of ["s.yaml", "serverless.yml"]) copyFileSync(file, join(root, file));
  cpSync("dist", join(root, "dist"), { recursive: true });
  return root;
}

function memory() {
  const m = process.memoryUsage();
  return { rssMb: m.rss / MB, heapMb: m.heapUsed / MB };
}

describe.skipIf(!redis.available)("load: the emulator under autocannon, loopback only, bounded", () => {
  const prefix = uniquePrefix("load");
  const run = prefix.split(":").slice(2, 4).join("-");
  const client = testClient();
  let backend: Backend;
  let emulator: Emulator;

  beforeAll(async () => {
    ensureBuilt();
    backend = await startBackend(() => ({ status: 204 }), { record: false });
    emulator = await startEmulator({
      port: 0,
      root: snapshot(),
      // Redis's longest command limit: a loaded 2-core machine can stall the local Redis past the 250 ms default.
      env: { ...DEV_CREDENTIALS, REDIS_URL, REDIS_TIMEOUT_MS: "1000", REDIS_STREAM: `${prefix}events`, FORWARD_URL: backend.url, FORWARD_SECRET },
      log: () => {},
      functionOutput: () => {},
    });
  });
  afterAll(async () => {
    await emulator?.close();
    await backend?.close();
    // The functions use the default key prefix (s.yaml passes no REDIS_KEY_PREFIX): remove this run's ids.
    const keys = [...(backend?.accepted.keys() ?? [])].map((id) => `callbacks:dedupe:${id}`);
    for (let i = 0; i < keys.length; i += 500) await client.del(...keys.slice(i, i + 500));
    await cleanPrefix(client, prefix);
    await client.quit();
  });

  it(
    `${ROUNDS} × ${ROUND_S} s at ${CONNECTIONS} connections: no errors, every answer 2xx, each event delivered once, memory flat`,
    async () => {
      let n = 0;
      // One request in flight per connection: its context says which event an answer is for.
      const answeredOk = new Set<string>();
      const failures: string[] = [];
      const onResponse = (status: number, body: string, context: Record<string, unknown>) => {
        if (status >= 200 && status < 300) answeredOk.add(String(context.key));
        else failures.push(`${status} ${body}`);
      };
      const build =
        (make: (n: number, run: string) => { key: string; path: string; body: string; headers: Record<string, string> }) => (req: object, context: Record<string, unknown>) => {
          const { key, ...request } = make(n++, run);
          context.key = key;
          return { ...req, ...request };
        };
      const requests = [
        { method: "POST", setupRequest: build(sudRequest), onResponse },
        { method: "POST", setupRequest: build(tencentRequest), onResponse },
      ];
      // Warm both instances (cold start, Redis connection) before measuring memory.
      const warm = await autocannon({ url: emulator.url, connections: 2, amount: 40, requests });
      expect(warm.non2xx).toBe(0);
      const before = memory();
      const rounds: autocannon.Result[] = [];
      const sizes: ReturnType<typeof memory>[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // autocannon resolves once every answer is in: nothing is left in flight to wait for.
        rounds.push(await autocannon({ url: emulator.url, connections: CONNECTIONS, duration: ROUND_S, requests }));
        sizes.push(memory());
      }
      const first = sizes[0]!;
      const last = sizes[sizes.length - 1]!;
      const answered = rounds.reduce((sum, r) => sum + r.requests.total, 0);
      const count = (key: "errors" | "timeouts" | "non2xx" | "2xx") => rounds.reduce((sum, r) => sum + r[key], 0);
      const accepted = backend.accepted;
      const streamed = await client.xlen(`${prefix}events`);
      console.log(
        `[figures] load: ${answered} requests in ${ROUNDS} × ${ROUND_S} s at ${CONNECTIONS} connections = ${(answered / (ROUNDS * ROUND_S)).toFixed(0)} req/s, ` +
          `errors ${count("errors")}, timeouts ${count("timeouts")}, non-2xx ${count("non2xx")}, ` +
          `p50 ${rounds.map((r) => r.latency.p50).join("/")} ms, p99 ${rounds.map((r) => r.latency.p99).join("/")} ms, max ${rounds.map((r) => r.latency.max).join("/")} ms; ` +
          `RSS ${[before, ...sizes].map((m) => m.rssMb.toFixed(0)).join(" → ")} MB, ` +
          `main heap ${[before, ...sizes].map((m) => m.heapMb.toFixed(0)).join(" → ")} MB; ` +
          `${answeredOk.size} acknowledged (incl. warm-up), ${accepted.size} forwarded, ${streamed} in the stream`,
      );

      expect(failures).toEqual([]);
      expect(count("errors")).toBe(0);
      expect(count("timeouts")).toBe(0);
      expect(count("non2xx")).toBe(0);
      expect(count("2xx")).toBe(answered);
      expect(answered).toBeGreaterThan(100);
      // Every acknowledged event reached the backend exactly once (and the stream); a request still in
      // flight when a round ended may be delivered without its answer being counted, never twice.
      for (const key of answeredOk) expect(accepted.get(key), key).toBe(1);
      expect([...accepted.values()].every((times) => times === 1)).toBe(true);
      expect(accepted.size - answeredOk.size).toBeLessThanOrEqual(ROUNDS * CONNECTIONS + 2);
      expect(streamed).toBe(accepted.size);
      // Generous bounds (the instances' heaps settle over the first round; other suites may run
      // beside this one): a per-request leak would grow far past these over thousands of requests.
      expect(last.rssMb - before.rssMb).toBeLessThan(250);
      expect(last.rssMb - first.rssMb).toBeLessThan(100);
    },
    (ROUNDS * ROUND_S + 15) * 1000,
  );
});
