// The emulator fires s.yaml's timer triggers as FC does: the dead-letter redrive runs on its schedule,
// each run shown as one line. With Redis, the whole loop on one machine: the backend refuses, callbacks
// become dead letters, the backend recovers, and the timer's next run delivers them, each once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCallback } from "../../scripts/send/build";
import { deliverCallback } from "../../scripts/send/deliver";
import { type Backend, FORWARD_SECRET, startBackend } from "../redis/helpers/backend";
import { cleanPrefix, REDIS_URL, requireRedis, testClient, uniquePrefix } from "../redis/helpers/redis";
import { emulator, ensureBuilt, logLine, TEST_ENV, type TestEmulator } from "./support";

const redis = await requireRedis();

beforeAll(() => ensureBuilt());

describe("the emulator's timer triggers", () => {
  let em: TestEmulator;
  afterAll(() => em?.close());

  it("reads s.yaml's timer trigger, lists it, and fires the redrive with FC's timer event; without Redis its run says why it has nothing to do", async () => {
    em = await emulator({ timerEveryMs: 100 });
    expect(em.timers).toEqual([{ fn: "dead-letter-redrive", trigger: "redrive", schedule: "every 100 ms (--timer-every)" }]);
    const line = await logLine(em, /FC⏱\s+dead-letter-redrive\s+timer redrive\s+✘ redrive run: REDIS_URL is not set/);
    expect(line).toMatch(/\(\d+ ms(, cold start \d+ ms)?\)$/);
    // It has no HTTP trigger: nothing reaches it over HTTP.
    const answer = await fetch(`${em.url}/fc/dead-letter-redrive`, { method: "POST", body: "{}" });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ ErrorCode: "TriggerNotFound" });
  });

  it("fires on the trigger's own cronExpression when not told otherwise (@every 5m: not during a test)", async () => {
    const own = await emulator();
    try {
      expect(own.timers).toEqual([{ fn: "dead-letter-redrive", trigger: "redrive", schedule: "@every 5m" }]);
      // A firing by hand, as the schedule would fire it.
      expect(await own.fireTimer("dead-letter-redrive")).toMatch(/timer redrive\s+✘ redrive run: REDIS_URL is not set/);
    } finally {
      await own.close();
    }
  });
});

describe.skipIf(!redis.available)("the whole loop on one machine: stop the backend, send callbacks, start the backend, watch them arrive", () => {
  const prefix = uniquePrefix("emulator-redrive");
  const client = testClient();
  let backend: Backend;
  let em: TestEmulator;

  beforeAll(async () => {
    backend = await startBackend(() => ({ status: 503 }));
  });
  afterAll(async () => {
    await em?.close();
    await cleanPrefix(client, prefix);
    await Promise.all([client.quit(), backend.close()]);
  });

  it("callbacks refused by the backend become dead letters; once it is back, the timer's runs deliver each once through the built bundles", async () => {
    const settings = { ...TEST_ENV, REDIS_URL, REDIS_KEY_PREFIX: prefix, FORWARD_URL: backend.url, FORWARD_SECRET, REDRIVE_BACKOFF_BASE_S: "0", REDRIVE_BACKOFF_MAX_S: "0" };
    em = await emulator({ env: settings, timerEveryMs: 250 });
    const sent = [buildCallback("sud-player-status", { settings }), buildCallback("tencent-live-battle-end", { settings })];
    const answers = await Promise.all([
      deliverCallback(sent[0]!.request, `${em.url}/fc/sud-player-status`),
      deliverCallback(sent[1]!.request, `${em.url}/fc/tencent-live-battle-end`),
    ]);
    expect(answers.map((a) => a.status)).toEqual([503, 503]);
    await logLine(em, /redrive run: taken [0-9]+, delivered 0, failed [0-9]+, parked 0, left 2/, 20_000);

    backend.behave(() => ({ status: 204 }));
    const delivered = await logLine(em, /redrive run: taken [12], delivered [12], failed 0, parked 0, left 0/, 20_000);
    expect(delivered).toContain("FC⏱");
    await logLine(em, /redrive run: taken 0, delivered 0, failed 0, parked 0, left 0/, 20_000);
    const accepted = [...backend.accepted.entries()];
    expect(accepted).toHaveLength(2);
    for (const [, count] of accepted) expect(count).toBe(1);
    expect(await client.xlen(`${prefix}dead-letters`)).toBe(0);
  }, 60_000);
});
