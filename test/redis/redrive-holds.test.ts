// Attacks on the redrive's bookkeeping, on the real Redis: runs racing for the same letters in random
// interleavings (fast-check), letters altered or forged in the stream, entries that hold no letter, and a
// Redis that goes away in the middle of a run.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../shared/core/log";
import type { DeadLetter } from "../../shared/delivery/dead-letter/record";
import { createProcessor } from "../../shared/function";
import { createRedrive } from "../../shared/redrive/function";
import { DeadLetterStream, redriveKeys } from "../../shared/redrive/stream";
import { FUNCTION_SPECS } from "../../functions/dead-letter-redrive/functions";
import { toInbound } from "../helpers/events";
import { ENV } from "../helpers/harness";
import { LETTER_KEY, SUD_SECRET, sudCall, sudEnvelope } from "../helpers/requests";
import { FORWARD_SECRET } from "./helpers/backend";
import { captureLog } from "./helpers/capture";
import { RedisProxy } from "./helpers/proxy";
import { cleanPrefix, REDIS_URL, requireRedis } from "./helpers/redis";
import { redisSuite } from "./helpers/suite";

const redis = await requireRedis();
const SETTINGS = { backoffBaseMs: 0, backoffMaxMs: 0, maxAttempts: 5, maxAgeMs: 24 * 3600_000 };

const STATUS = { mg_id: "1468180338417074177", room_id: "9009", event: "manage_status", players: [{ uid: "u1", timestamp: "1647834452408" }] };
const playerStatus = (notifyId: string) => sudEnvelope("sud.mg.merchant.player.status", STATUS, notifyId);
const letterOf = (fields: string[]) => JSON.parse(fields[fields.indexOf("letter") + 1]!) as DeadLetter;

describe.skipIf(!redis.available)("the redrive's holds and what it refuses to replay", () => {
  const suite = redisSuite("redrive-holds");
  const { prefix, client } = suite;

  const envFor = (ns: string, redisUrl = REDIS_URL) => ({
    ...ENV.sud,
    ...ENV.tencent,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: ns,
    FORWARD_URL: suite.backend.url,
    FORWARD_SECRET,
    REDRIVE_BACKOFF_BASE_S: "0",
    REDRIVE_BACKOFF_MAX_S: "0",
  });

  /** Dead letters the sud-notify function writes while the suite.backend refuses. */
  async function letters(ns: string, ids: readonly string[]): Promise<void> {
    suite.backend.behave(() => ({ status: 500 }));
    const fn = createProcessor(FUNCTION_SPECS["sud-notify"]!, { env: envFor(ns), log: silentLogger });
    for (const id of ids) await fn(toInbound(sudCall({ now: Date.now(), body: playerStatus(id) }), Date.now()));
    await fn.close();
  }

  it("runs racing in any interleaving never hold one letter at once, and every letter ends in exactly one place (property)", async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ store: fc.integer({ min: 0, max: 3 }), settle: fc.constantFrom("remove", "replace", "park", "release", "none") }), { minLength: 5, maxLength: 40 }),
        async (steps) => {
          const ns = `${prefix}race-${round++}:`;
          const keys = redriveKeys(`${ns}dead-letters`);
          const ids = ["r-0", "r-1", "r-2"];
          await letters(ns, ids);
          const stores = [0, 1, 2, 3].map(() => new DeadLetterStream(client, keys.stream, 60_000));
          await stores[0]!.index(SETTINGS);
          const held = new Map<string, number>();
          let removed = 0;
          let parked = 0;
          // Each step: one store takes the next due letter (never one another store holds), then settles it or not.
          await Promise.all(
            steps.map(async ({ store, settle }, i) => {
              const s = stores[store]!;
              const taken = await s.take(Date.now() + 60_000);
              if (!taken || "unreadable" in taken) return;
              expect(held.has(taken.id), `step ${i}: ${taken.id} is held by store ${held.get(taken.id)}`).toBe(false);
              held.set(taken.id, store);
              const source = s.source();
              const letter = { ...taken.letter, attempts: taken.letter.attempts + 1 };
              // Another store that never held it cannot record anything on it.
              const intruder = stores[(store + 1) % 4]!.source();
              expect(await intruder.replace(taken.id, letter, Date.now())).toBe(taken.id);
              expect((await client.xrange(keys.stream, taken.id, taken.id)).length).toBe(1);
              if (settle === "none") return;
              held.delete(taken.id);
              if (settle === "remove") await source.remove(taken.id), removed++;
              else if (settle === "replace") await source.replace(taken.id, letter, Date.now() + 60_000 * 10);
              else if (settle === "park") await source.park!(taken.id, letter), parked++;
              else await source.release!(taken.id, Date.now() + 60_000 * 10);
            }),
          );
          const inStream = (await client.xrange(keys.stream, "-", "+")).map(([id, fields]) => ({ id, event: letterOf(fields).event!.id }));
          const inParked = (await client.xrange(keys.parked, "-", "+")).map(([, fields]) => letterOf(fields).event!.id);
          const due = new Set(await client.zrange(keys.due, "0", "-1"));
          expect(inStream.length + inParked.length + removed).toBe(ids.length);
          expect(inParked).toHaveLength(parked);
          expect(new Set([...inStream.map((e) => e.event), ...inParked]).size).toBe(inStream.length + inParked.length);
          for (const entry of inStream) expect(due.has(entry.id), `${entry.event} is kept, so due`).toBe(true);
          expect(due.size).toBe(inStream.length);
          await cleanPrefix(client, ns);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it("a letter altered in the stream, a forged one, and an entry that holds no letter are parked as they are: nothing delivered, nothing sealed anew", async () => {
    const ns = `${prefix}tampered:`;
    const keys = redriveKeys(`${ns}dead-letters`);
    await letters(ns, ["t-1"]);
    const [[id, fields]] = (await client.xrange(keys.stream, "-", "+")) as [[string, string[]]];
    const original = letterOf(fields);
    // Altered: another notify id in the event, the MAC left as it was.
    const altered = { ...original, event: { ...original.event!, id: "t-1-altered" } };
    await client.xdel(keys.stream, id);
    await client.xadd(keys.stream, "*", "kind", "undelivered", "reason", "delivery_failed", "letter", JSON.stringify(altered));
    // Forged: a letter made by someone without DEAD_LETTER_KEY (no MAC, or a made-up one).
    const forgedBody = Buffer.from(playerStatus("t-forged")).toString("base64");
    const forged = { ...original, mac: `v1,${Buffer.alloc(32, 1).toString("base64")}`, request: { ...original.request, body: forgedBody } };
    await client.xadd(keys.stream, "*", "kind", "undelivered", "reason", "delivery_failed", "letter", JSON.stringify(forged));
    const { mac: _, ...unsealed } = original;
    await client.xadd(keys.stream, "*", "kind", "undelivered", "reason", "delivery_failed", "letter", JSON.stringify(unsealed));
    await client.xadd(keys.stream, "*", "kind", "undelivered", "reason", "delivery_failed", "letter", "{not json");

    suite.backend.behave(() => ({ status: 204 }));
    const before = suite.backend.received.length;
    const logs = captureLog();
    const redrive = createRedrive(FUNCTION_SPECS, { env: envFor(ns), log: logs.log });
    expect(await redrive.run(Date.now() + 30_000)).toEqual({ taken: 4, delivered: 0, failed: 0, parked: 4, left: 0 });
    await redrive.close();
    expect(suite.backend.received.slice(before)).toEqual([]);
    const parked = await client.xrange(keys.parked, "-", "+");
    const texts = parked.map(([, f]) => f[f.indexOf("letter") + 1]);
    expect(texts).toEqual([JSON.stringify(altered), JSON.stringify(forged), JSON.stringify(unsealed), "{not json"]);
    const alerts = logs.lines.filter((l) => l.message === "dead letter parked").map((l) => l.fields!.detail as string);
    expect(alerts).toEqual([
      expect.stringMatching(/^refused: its MAC does not verify under DEAD_LETTER_KEY/),
      expect.stringMatching(/^refused: its MAC does not verify under DEAD_LETTER_KEY/),
      expect.stringMatching(/^refused: it carries no MAC/),
      "the stream entry holds no readable letter",
    ]);
    for (const secret of [SUD_SECRET, FORWARD_SECRET.slice(6), LETTER_KEY]) expect(logs.text()).not.toContain(secret);
  });

  it("Redis gone in the middle of a run: the run says so in its summary, and its letters stay in the stream, due (the one it held once its hold expires)", async () => {
    const ns = `${prefix}outage:`;
    const keys = redriveKeys(`${ns}dead-letters`);
    await letters(ns, ["o-1", "o-2"]);
    const proxy = await RedisProxy.start();
    // The suite.backend holds the first delivery until the test has cut Redis.
    let requested!: () => void;
    const firstRequest = new Promise<void>((resolve) => (requested = resolve));
    suite.backend.behave(() => (requested(), { status: 204, delayMs: 300 }));
    const logs = captureLog();
    const redrive = createRedrive(FUNCTION_SPECS, { env: envFor(ns, proxy.url), log: logs.log });
    const running = redrive.run(Date.now() + 30_000);
    await firstRequest;
    await proxy.cut();
    const report = await running;
    expect(report.problem).toMatch(/Redis|Connection|connect|closed|timed? ?out/i);
    expect(logs.lines.filter((l) => l.message === "redrive run")).toHaveLength(1);
    await redrive.close();
    // Nothing was lost: both letters are in the stream and due (one may have reached the suite.backend: then it is found delivered).
    const entries = await client.xrange(keys.stream, "-", "+");
    expect(entries.length).toBeGreaterThanOrEqual(1);
    const due = new Set(await client.zrange(keys.due, "0", "-1"));
    for (const [id] of entries) expect(due.has(id)).toBe(true);
  }, 30_000);
});
