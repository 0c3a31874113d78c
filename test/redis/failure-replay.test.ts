import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../shared/core/log";
import type { DeadLetter } from "../../shared/delivery/dead-letter/record";
import { deliveryFromEnv } from "../../shared/delivery/from-env";
import { createProcessor } from "../../shared/function";
import { logLetters, streamLetters } from "../../scripts/replay/letters";
import { replay } from "../../scripts/replay/replay";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { SUD_SECRET, sudCall, sudEnvelope } from "../helpers/requests";
import { FORWARD_SECRET } from "./helpers/backend";
import { captureLog } from "./helpers/capture";
import { REDIS_URL, requireRedis } from "./helpers/redis";
import { redisSuite } from "./helpers/suite";

const redis = await requireRedis();
const EVENTS = 60;

const playerStatus = (notifyId: string) =>
  sudEnvelope(
    "sud.mg.merchant.player.status",
    { mg_id: "1468180338417074177", room_id: "9009", event: "manage_status", players: [{ uid: "u1", timestamp: "1647834452408" }] },
    notifyId,
  );
const sudRequest = (body: string) => toInbound(sudCall({ now: Date.now(), body }), Date.now());

describe.skipIf(!redis.available)("a target that fails some of the time loses nothing", () => {
  const suite = redisSuite("failure");
  const { prefix, client } = suite;

  const envFor = (ns: string) => ({ ...ENV.sud, REDIS_URL, REDIS_KEY_PREFIX: ns, REDIS_STREAM: `${ns}events`, FORWARD_URL: suite.backend.url, FORWARD_SECRET });

  it(`${EVENTS} events through a suite.backend failing a third of the time: each delivered once or dead-lettered, replay delivers the rest`, async () => {
    const ns = `${prefix}flaky:`;
    const env = envFor(ns);
    const logs = captureLog();
    // Every third request fails, alternating the ways a suite.backend fails.
    suite.backend.behave((n) => (n % 3 === 2 ? { status: n % 2 ? 500 : 429 } : { status: 204 }));
    const processor = createProcessor(FUNCTION_SPECS["sud-notify"], { env, log: logs.log });

    const ids = Array.from({ length: EVENTS }, (_, i) => `flaky-${i}`);
    const answers: number[] = [];
    for (let i = 0; i < EVENTS; i += 10) {
      const batch = await Promise.all(ids.slice(i, i + 10).map((id) => processor(sudRequest(playerStatus(id)))));
      answers.push(...batch.map((a) => a.status));
    }
    const delivered = [...suite.backend.accepted.keys()].filter((k) => k.startsWith("sud:flaky-"));
    const deadLettered = await client.xlen(`${ns}dead-letters`);
    expect(answers.filter((s) => s === 200)).toHaveLength(delivered.length);
    expect(answers.filter((s) => s === 503)).toHaveLength(deadLettered);
    expect(delivered.length + deadLettered).toBe(EVENTS);
    expect(deadLettered).toBeGreaterThan(0);
    for (const id of delivered) expect(suite.backend.accepted.get(id)).toBe(1);

    // Each dead letter carries the event, the exact request and the reason.
    const source = streamLetters(client, `${ns}dead-letters`);
    const { letters } = await source.list();
    const letter: DeadLetter = letters[0]!.letter;
    expect(letter).toMatchObject({ kind: "undelivered", reason: "delivery_failed", attempts: 1, platform: "sud", callback: "sud.mg.merchant.player.status" });
    expect(letter.message).toMatch(/^delivery failed: forward: FORWARD_URL answered HTTP (500|429)$/);
    expect(letter.event?.id).toMatch(/^flaky-/);
    expect(Object.keys(letter.request.headers).sort()).toEqual(["content-type", "sud-appid", "sud-nonce", "sud-signature", "sud-timestamp"]);
    expect(Buffer.from(letter.request.body, "base64").toString()).toBe(playerStatus(letter.event!.id));

    // The suite.backend recovers; replay delivers every dead letter, through the same dedupe and targets.
    suite.backend.behave(() => ({ status: 204 }));
    const delivery = deliveryFromEnv(env, silentLogger);
    const results = await replay(letters, { env, log: silentLogger, delivery, source });
    expect(results.map((r) => r.status)).toEqual(letters.map(() => "delivered"));
    expect(await client.xlen(`${ns}dead-letters`)).toBe(0);
    const all = [...suite.backend.accepted.entries()].filter(([k]) => k.startsWith("sud:flaky-"));
    expect(all).toHaveLength(EVENTS);
    for (const [, count] of all) expect(count).toBe(1);

    // Replaying a letter again, or the platform retrying the event, delivers nothing twice: the stream
    // no longer holds it, and a copy of it (from a log) is acknowledged by the dedupe.
    const twice = await replay([letters[0]!], { env, log: silentLogger, delivery, source });
    expect(twice[0]).toMatchObject({ status: "skipped", detail: expect.stringContaining("settled by another run") });
    const copy = await replay([letters[0]!], { env, log: silentLogger, delivery, source: logLetters("/dev/null") });
    expect(copy[0]!.status).toBe("already delivered");
    expect((await processor(sudRequest(playerStatus(letter.event!.id)))).status).toBe(200);
    expect(suite.backend.accepted.get(`sud:${letter.event!.id}`)).toBe(1);

    // The stream target saw every event; a consumer de-duplicates on `id` (a failed attempt may have reached it).
    const entries = await client.xrange(`${ns}events`, "-", "+");
    expect(new Set(entries.map(([, f]) => f[f.indexOf("id") + 1])).size).toBe(EVENTS);

    expect(logs.text()).not.toContain(SUD_SECRET);
    expect(logs.text()).not.toContain(FORWARD_SECRET.slice(6));
    console.log(
      `[figures] failing target: events sent ${EVENTS} → delivered ${delivered.length}, dead-lettered ${deadLettered}, ` +
        `replayed ${results.filter((r) => r.status === "delivered").length} → delivered in total ${all.length}, each exactly once`,
    );
    await Promise.all([processor.close(), delivery.close()]);
  });

  it("quarantines an authentic callback that fails validation, with its reason; replay keeps it while it stays invalid", async () => {
    const ns = `${prefix}quarantine:`;
    const env = envFor(ns);
    const processor = createProcessor(FUNCTION_SPECS["sud-notify"], { env, log: silentLogger });
    const invalid = sudEnvelope("sud.mg.merchant.player.status", { mg_id: "1", room_id: "9" }, "invalid-1");
    const answer = await processor(sudRequest(invalid));
    expect(JSON.parse(answer.body)).toMatchObject({ ret_code: 0, ret_msg: expect.stringMatching(/^quarantined: invalid: /) });

    // A forged one is refused and not kept: dead letters hold only what the platform really sent.
    const forged = toInbound(sudCall({ now: Date.now(), body: playerStatus("forged"), secret: "not-the-secret" }), Date.now());
    expect((await processor(forged)).status).toBe(401);

    const source = streamLetters(client, `${ns}dead-letters`);
    const { letters } = await source.list();
    expect(letters).toHaveLength(1);
    expect(letters[0]!.letter).toMatchObject({ kind: "quarantined", reason: "invalid", callback: "sud.mg.merchant.player.status", attempts: 1 });
    expect(letters[0]!.letter.event).toBeUndefined();
    expect(Buffer.from(letters[0]!.letter.request.body, "base64").toString()).toBe(invalid);

    const delivery = deliveryFromEnv(env, silentLogger);
    const [result] = await replay(letters, { env, log: silentLogger, delivery, source });
    expect(result).toMatchObject({ status: "failed" });
    expect(result!.detail).toMatch(/^invalid: /);
    const { letters: kept } = await source.list();
    expect(kept).toHaveLength(1);
    expect(kept[0]!.letter.attempts).toBe(2);
    expect(kept[0]!.id).toBe(result!.keptAs);
    await Promise.all([processor.close(), delivery.close()]);
  });

  it("npm run replay lists dead letters and re-delivers chosen ones, then all", async () => {
    const ns = `${prefix}cli:`;
    const env = envFor(ns);
    suite.backend.behave(() => ({ status: 503 }));
    const processor = createProcessor(FUNCTION_SPECS["sud-notify"], { env, log: silentLogger });
    for (const id of ["cli-1", "cli-2", "cli-3"]) expect((await processor(sudRequest(playerStatus(id)))).status).toBe(503);
    await processor.close();
    suite.backend.behave(() => ({ status: 200 }));

    // Asynchronously: the suite.backend answering the replay runs in this process.
    const cli = (...args: string[]) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        execFile("node_modules/.bin/tsx", ["scripts/replay.ts", ...args], { env: { ...process.env, ...env } }, (error, out) =>
          resolve({ code: error ? Number(error.code) : 0, out }),
        );
      });
    const listed = await cli("--list");
    expect(listed.code).toBe(0);
    expect(listed.out).toContain("3 dead letter(s)");
    const ids = [...listed.out.matchAll(/^(\d+-\d+)\s/gm)].map((m) => m[1]!);
    expect(ids).toHaveLength(3);
    expect(listed.out).toContain("undelivered/delivery_failed  sud sud.mg.merchant.player.status cli-1  attempts=1");

    const one = await cli("--id", ids[0]!);
    expect(one.code).toBe(0);
    expect(one.out).toContain(`${ids[0]}  delivered`);
    expect(one.out).toContain("replayed 1: delivered 1");

    const rest = await cli("--all");
    expect(rest.code).toBe(0);
    expect(rest.out).toContain("replayed 2: delivered 2, already delivered 0, in progress 0, failed 0, skipped 0");
    expect(await client.xlen(`${ns}dead-letters`)).toBe(0);
    for (const id of ["cli-1", "cli-2", "cli-3"]) expect(suite.backend.accepted.get(`sud:${id}`)).toBe(1);
    // Three tsx start-ups: slow on a busy machine.
  }, 60_000);
});
