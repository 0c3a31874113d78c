// The scheduled redrive on the real Redis: overlapping runs (in this process, in child processes running
// the built bundle, and a manual replay beside them) against a backend that fails for a while, parking,
// runs cut short by their deadline or killed, and quarantined letters that wait for new schemas.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../../shared/core/config";
import { silentLogger } from "../../shared/core/log";
import type { DeadLetter } from "../../shared/delivery/dead-letter/record";
import { deliveryFromEnv } from "../../shared/delivery/from-env";
import { createProcessor } from "../../shared/function";
import { sud } from "../../shared/platforms/sud";
import { createRedrive, type RedriveReport } from "../../shared/redrive/function";
import type { FunctionSpecs } from "../../shared/redrive/replay";
import { loadRedriveSettings } from "../../shared/redrive/settings";
import { redriveKeys } from "../../shared/redrive/stream";
import { FUNCTION_SPECS } from "../../functions/dead-letter-redrive/functions";
import { streamLetters } from "../../scripts/replay/letters";
import { replay } from "../../scripts/replay/replay";
import { toInbound } from "../helpers/events";
import { fixtureText } from "../helpers/fixtures";
import { ENV } from "../helpers/harness";
import { sudCall, sudEnvelope, tencentCall, TENCENT_TOKEN } from "../helpers/requests";
import { until } from "../helpers/until";
import { type Backend, FORWARD_SECRET, startBackend } from "./helpers/backend";
import { ensureBuilt } from "./helpers/bundles";
import { captureLog } from "./helpers/capture";
import { cleanPrefix, REDIS_URL, requireRedis, testClient, uniquePrefix } from "./helpers/redis";
import { RedriveProcess } from "./helpers/redrive-processes";

const redis = await requireRedis();

const STATUS = { mg_id: "1468180338417074177", room_id: "9009", event: "manage_status", players: [{ uid: "u1", timestamp: "1647834452408" }] };
const playerStatus = (notifyId: string) => sudEnvelope("sud.mg.merchant.player.status", STATUS, notifyId);
const sudRequest = (id: string, at = Date.now()) => toInbound(sudCall({ now: at, body: playerStatus(id) }), at);
function battleStart(id: string, at = Date.now()) {
  const body = fixtureText("tencent", "battle-start").replace("4siHsNsWN/T3aub9zKraqI4zZAyPRpXQhdtKv1q4HOs=", id);
  return toInbound(tencentCall({ command: "Live.CallbackAfterStartBattle", body, token: TENCENT_TOKEN, now: at }), at);
}
/** npm run replay with these settings in its environment; asynchronous, since the backend it reaches runs in this process. */
function cli(env: Record<string, string>, ...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile("node_modules/.bin/tsx", ["scripts/replay.ts", ...args], { env: { ...process.env, ...env } }, (error, out, err) =>
      resolve({ code: error ? Number(error.code) : 0, out: out + err }),
    );
  });
}

/** The webhook-id the backend counts deliveries by (Tencent's dedupe id is the command and the BattleId). */
const wireId = (id: string) => (id.startsWith("tc-") ? `tencent-live:Live.CallbackAfterStartBattle:${id}` : `sud:${id}`);

describe.skipIf(!redis.available)("the scheduled redrive on the real Redis", () => {
  const prefix = uniquePrefix("redrive");
  const client = testClient();
  let backend: Backend;
  const processes: RedriveProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    if (!existsSync("dist/dead-letter-redrive/index.js")) throw new Error("dist/dead-letter-redrive/index.js is missing: npm run build");
    backend = await startBackend();
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill()));
    await cleanPrefix(client, prefix);
    await Promise.all([client.quit(), backend.close()]);
  });

  /** Every platform's settings, as the redrive's deploy entries give it; backoff 0 so every run finds the failed letters due. */
  const envFor = (ns: string, extra: Record<string, string> = {}): Record<string, string> => ({
    ...ENV.sud,
    ...ENV.tencent,
    ...ENV.yuanjing,
    REDIS_URL,
    REDIS_KEY_PREFIX: ns,
    FORWARD_URL: backend.url,
    FORWARD_SECRET,
    REDRIVE_BACKOFF_BASE_S: "0",
    REDRIVE_BACKOFF_MAX_S: "0",
    ...extra,
  });
  const keysOf = (ns: string) => redriveKeys(`${ns}dead-letters`);

  /** The functions receive the callbacks: whatever they cannot deliver becomes a dead letter in the stream. */
  async function receive(env: Env, ids: readonly string[]): Promise<number[]> {
    const sudFn = createProcessor(FUNCTION_SPECS["sud-notify"]!, { env: { ...env, FC_FUNCTION_NAME: "sud-notify" }, log: silentLogger });
    const tencentFn = createProcessor(FUNCTION_SPECS["tencent-live"]!, { env: { ...env, FC_FUNCTION_NAME: "tencent-live" }, log: silentLogger });
    const send = (id: string) => (id.startsWith("tc-") ? tencentFn(battleStart(id)) : sudFn(sudRequest(id)));
    // Like the platforms, retry a callback the function could not even claim (Redis slower than its
    // limit on a loaded machine): that answer keeps no letter, the platform's retry is what keeps it.
    const sendUntilClaimed = async (id: string) => {
      for (let attempt = 1; ; attempt++) {
        const answer = await send(id);
        if (attempt === 5 || !String(answer.body).includes("shared dedupe store unavailable")) return answer;
      }
    };
    const answers = await Promise.all(ids.map(sendUntilClaimed));
    await Promise.all([sudFn.close(), tencentFn.close()]);
    return answers.map((a) => a.status);
  }

  const deliveries = (ids: readonly string[]) => ids.map((id) => backend.accepted.get(wireId(id)) ?? 0);

  it("a backend that fails for a while, five runners overlapping (two in this process, two built bundles in child processes, a manual " +
    "replay): every letter delivered exactly once, the stream and the due set empty", async () => {
    const ns = `${prefix}overlap:`;
    // Five runners at once on a loaded machine: Redis gets its longest command limit.
    const env = envFor(ns, { REDRIVE_MAX_ATTEMPTS: "1000", REDIS_TIMEOUT_MS: "1000" });
    const keys = keysOf(ns);
    const started = Date.now();
    // The backend fails everything until it has refused FAILURES requests, then recovers.
    const FAILURES = 150;
    let refused = 0;
    backend.behave(() => (refused < FAILURES ? (refused++, { status: refused % 2 ? 503 : 500 }) : { status: 204 }));

    const first = [...Array.from({ length: 30 }, (_, i) => `ov-${i}`), ...Array.from({ length: 10 }, (_, i) => `tc-ov-${i}`)];
    const second = [...Array.from({ length: 15 }, (_, i) => `ov-late-${i}`), ...Array.from({ length: 5 }, (_, i) => `tc-ov-late-${i}`)];
    expect(new Set(await receive(env, first))).toEqual(new Set([503]));

    const children = await Promise.all([RedriveProcess.start(env), RedriveProcess.start(env)]);
    processes.push(...children);
    const local = [createRedrive(FUNCTION_SPECS, { env, log: silentLogger }), createRedrive(FUNCTION_SPECS, { env, log: silentLogger })];
    const reports: RedriveReport[] = [];
    let manualRuns = 0;
    let manualDelivered = 0;
    let received = false;
    const drained = async () => received && (await client.xlen(keys.stream)) === 0 && (await client.zcard(keys.due)) === 0;
    const loop = async (run: () => Promise<unknown>) => {
      for (let i = 0; i < 5000 && !(await drained()); i++) await run();
    };
    // A person replaying by hand beside the schedule, the way npm run replay does.
    const delivery = deliveryFromEnv(env, silentLogger);
    const source = streamLetters(await delivery.redis!.client(), keys.stream);
    const schedule = loadRedriveSettings(env, delivery.settings.completedTtlMs);
    const manual = async () => {
      const results = await replay((await source.list()).letters, { env, log: silentLogger, delivery, source, schedule });
      manualRuns++;
      manualDelivered += results.filter((r) => r.status === "delivered" || r.status === "already delivered").length;
    };

    // The second wave reaches the functions while the runs go on: some are delivered at once, some become letters.
    let secondAnswers: number[] = [];
    const runners = [
      ...children.map((child) => loop(async () => reports.push(await child.run(30_000)))),
      ...local.map((redrive) => loop(async () => reports.push(await redrive.run(Date.now() + 30_000)))),
      loop(manual),
      receive(env, second).then((answers) => {
        secondAnswers = answers;
        received = true;
      }),
    ];
    await Promise.all(runners);
    await Promise.all([...local.map((r) => r.close()), delivery.close()]);

    const all = [...first, ...second];
    expect(deliveries(all)).toEqual(all.map(() => 1));
    expect(await client.xlen(keys.stream)).toBe(0);
    expect(await client.zcard(keys.due)).toBe(0);
    expect(await client.xlen(keys.parked)).toBe(0);
    expect(
      reports.every((r) => r.problem === undefined),
      JSON.stringify(reports.find((r) => r.problem)),
    ).toBe(true);
    const sum = (field: keyof RedriveReport) => reports.reduce((n, r) => n + Number(r[field]), 0);
    const letters = first.length + secondAnswers.filter((status) => status === 503).length;
    // Every letter settled once: delivered by one run or by the manual replay, never by two.
    expect(sum("delivered") + manualDelivered).toBe(letters);
    expect(refused).toBe(FAILURES);
    console.log(
      `[figures] overlapping redrive: ${all.length} callbacks, ${letters} dead letters, ${reports.length} scheduled runs + ${manualRuns} manual replays ` +
        `(4 runners and a person at once), ${sum("failed")} failed attempts while the backend refused ${FAILURES} requests; ` +
        `deliveries ${deliveries(all).reduce((a, b) => a + b, 0)} for ${all.length} events (each exactly once), ` +
        `by the redrive ${sum("delivered")}, by hand ${manualDelivered}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 120_000);

  it("a letter that keeps failing is parked after REDRIVE_MAX_ATTEMPTS, named in one error line, listed as parked, and replayed by hand", async () => {
    const ns = `${prefix}park:`;
    const env = envFor(ns, { REDRIVE_MAX_ATTEMPTS: "3" });
    const keys = keysOf(ns);
    backend.behave(() => ({ status: 500 }));
    expect(await receive(env, ["stuck-1", "fine-1", "fine-2"])).toEqual([503, 503, 503]);
    backend.behave((_, id) => ({ status: id === "sud:stuck-1" ? 500 : 204 }));

    const logs = captureLog();
    const redrive = createRedrive(FUNCTION_SPECS, { env, log: logs.log });
    const reports: RedriveReport[] = [await redrive.run(Date.now() + 30_000)];
    // Between runs, npm run replay -- --list says when the redrive takes the letter next.
    const between = await cli(env, "--list");
    expect(between.out).toContain(`1 dead letter(s) in Redis stream ${keys.stream}`);
    expect(between.out).toMatch(/^\d+-\d+ {2}\S+ {2}undelivered\/delivery_failed {2}sud sud.mg.merchant.player.status stuck-1 {2}attempts=2 {2}due now {2}mac=ok/m);
    expect(between.out).toContain(`0 parked in Redis stream ${keys.parked}`);
    for (let i = 0; i < 10 && (await client.zcard(keys.due)) + (await client.xlen(keys.stream)) > 0; i++) reports.push(await redrive.run(Date.now() + 30_000));
    await redrive.close();
    expect(deliveries(["fine-1", "fine-2", "stuck-1"])).toEqual([1, 1, 0]);
    // Attempts: its first delivery, then two redrives; the third failure parks it.
    expect(reports.map((r) => [r.delivered, r.failed, r.parked])).toEqual([
      [2, 1, 0],
      [0, 0, 1],
    ]);
    const parked = await client.xrange(keys.parked, "-", "+");
    expect(parked).toHaveLength(1);
    const letter = JSON.parse(parked[0]![1][parked[0]![1].indexOf("letter") + 1]!) as DeadLetter;
    expect(letter).toMatchObject({ attempts: 3, reason: "delivery_failed", function: "sud-notify", event: { id: "stuck-1" } });
    expect(letter.history).toHaveLength(2);
    expect(await client.xlen(keys.stream)).toBe(0);
    expect(await client.zcard(keys.due)).toBe(0);
    const alerts = logs.lines.filter((l) => l.level === "error" && l.message === "dead letter parked");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.fields).toMatchObject({
      function: "sud-notify",
      callback: "sud.mg.merchant.player.status",
      id: "stuck-1",
      letter: parked[0]![0],
      reason: "delivery_failed",
      detail: expect.stringContaining("failed 3 attempts (REDRIVE_MAX_ATTEMPTS is 3)"),
    });
    const summaries = logs.lines.filter((l) => l.message === "redrive run").map((l) => l.fields);
    expect(summaries).toEqual([
      { taken: 3, delivered: 2, failed: 1, parked: 0, left: 1 },
      { taken: 1, delivered: 0, failed: 0, parked: 1, left: 0 },
    ]);

    // Parked letters are kept out of every later run, and replayed by hand once the backend takes them.
    const again = createRedrive(FUNCTION_SPECS, { env, log: silentLogger });
    expect(await again.run(Date.now() + 30_000)).toMatchObject({ taken: 0, left: 0 });
    await again.close();
    backend.behave(() => ({ status: 204 }));
    const listed = await cli(env, "--list");
    expect(listed.out).toContain(`0 dead letter(s) in Redis stream ${keys.stream}`);
    expect(listed.out).toContain(`1 parked in Redis stream ${keys.parked} (npm run replay -- --parked replays them)`);
    expect(listed.out).toContain(`${parked[0]![0]}  ${letter.at}  undelivered/delivery_failed  sud sud.mg.merchant.player.status stuck-1  attempts=3  parked  mac=ok`);
    const replayed = await cli(env, "--parked");
    expect(replayed.code, replayed.out).toBe(0);
    expect(replayed.out).toContain(`${parked[0]![0]}  delivered`);
    expect(replayed.out).toContain("replayed 1: delivered 1");
    expect(await client.xlen(keys.parked)).toBe(0);
    expect(deliveries(["stuck-1"])).toEqual([1]);
  }, 120_000);

  it("a letter received REDRIVE_MAX_AGE_HOURS ago is parked after its next failed attempt, whatever its count", async () => {
    const ns = `${prefix}age:`;
    const env = envFor(ns, { REDRIVE_MAX_AGE_HOURS: "24", REDRIVE_MAX_ATTEMPTS: "100" });
    backend.behave(() => ({ status: 500 }));
    const at = Date.now() - 25 * 3600_000;
    const fn = createProcessor(FUNCTION_SPECS["sud-notify"]!, { env, log: silentLogger, now: () => at });
    expect((await fn(sudRequest("old-1", at))).status).toBe(503);
    await fn.close();
    const logs = captureLog();
    const redrive = createRedrive(FUNCTION_SPECS, { env, log: logs.log });
    expect(await redrive.run(Date.now() + 30_000)).toMatchObject({ taken: 1, failed: 0, parked: 1, left: 0 });
    await redrive.close();
    const alert = logs.lines.find((l) => l.message === "dead letter parked")!;
    expect(alert.fields).toMatchObject({ id: "old-1", reason: "delivery_failed", detail: expect.stringContaining("25 h after receipt (REDRIVE_MAX_AGE_HOURS is 24 h)") });
    expect(await client.xlen(keysOf(ns).parked)).toBe(1);
  });

  it("a run cut short by its deadline stops taking letters in time, and leaves every letter delivered once or still due", async () => {
    const ns = `${prefix}deadline:`;
    const env = envFor(ns);
    const keys = keysOf(ns);
    backend.behave(() => ({ status: 500 }));
    const ids = Array.from({ length: 12 }, (_, i) => `dl-${i}`);
    await receive(env, ids);
    // Each delivery takes 300 ms: the run has time for a few, not for all.
    backend.behave(() => ({ status: 204, delayMs: 300 }));
    const redrive = createRedrive(FUNCTION_SPECS, { env, log: silentLogger });
    // What a letter may take (the slowest platform's 5 s, eight Redis round trips) and the summary's second, plus 1.5 s of work.
    const deadlineAt = Date.now() + 5000 + 8 * 250 + 1000 + 1500;
    const report = await redrive.run(deadlineAt);
    const finishedAt = Date.now();
    await redrive.close();

    expect(finishedAt).toBeLessThanOrEqual(deadlineAt);
    expect(report.taken).toBeGreaterThan(0);
    expect(report.taken).toBeLessThan(ids.length);
    expect(report).toMatchObject({ delivered: report.taken, failed: 0, parked: 0, left: ids.length - report.taken });
    await expectDeliveredOrDue(ns, ids);
    expect(await client.keys(`${keys.stream}:hold:*`)).toEqual([]);
    console.log(
      `[figures] deadline: ${ids.length} letters, 300 ms per delivery, one run given 9.5 s of which 8 s are kept to settle a letter and write ` +
        `the summary: took ${report.taken}, delivered ${report.delivered}, left ${report.left} due, finished ${deadlineAt - finishedAt} ms before its deadline`,
    );
  });

  it("a built redrive killed mid-run loses nothing: every letter delivered or still due; once its hold expires a later run delivers the rest, " +
    "each once but the one it was delivering when killed", async () => {
    const ns = `${prefix}killed:`;
    const env = envFor(ns);
    const keys = keysOf(ns);
    backend.behave(() => ({ status: 500 }));
    const ids = Array.from({ length: 10 }, (_, i) => `kill-${i}`);
    await receive(env, ids);
    backend.behave(() => ({ status: 204, delayMs: 250 }));
    const child = await RedriveProcess.start(env);
    processes.push(child);
    const running = child.run(60_000).catch(() => "killed");
    await until("the killed run to have delivered two letters", () => deliveries(ids).filter((n) => n > 0).length >= 2, 30_000);
    // It replays through the parsers the build wrote for the function that received the letters: SUD's envelope, then the payload.
    expect(await child.loadedParsers()).toEqual(["sud.envelope.js", "sud.mg.merchant.player.status.js"]);
    await child.kill();
    expect(await running).toBe("killed");
    const deliveredBefore = deliveries(ids).filter((n) => n > 0).length;
    expect(deliveredBefore).toBeLessThan(ids.length);
    // The letter it held when killed: its delivery may have reached the backend before the kill, and not been marked completed.
    const holds = await client.keys(`${keys.stream}:hold:*`);
    expect(holds.length).toBeLessThanOrEqual(1);
    const inFlight = await Promise.all(
      holds.map(async (hold) => {
        const [[, fields]] = (await client.xrange(keys.stream, hold.split(":hold:")[1]!, hold.split(":hold:")[1]!)) as [[string, string[]]];
        return (JSON.parse(fields[fields.indexOf("letter") + 1]!) as DeadLetter).event!.id;
      }),
    );
    await expectDeliveredOrDue(ns, ids, { deliveredAndKept: true });

    // The killed run's hold expires; then the letter is due again, and a run delivers what is left.
    await until("the killed run's hold to expire", async () => (await client.keys(`${keys.stream}:hold:*`)).length === 0, 30_000);
    const redrive = createRedrive(FUNCTION_SPECS, { env, log: silentLogger });
    for (let i = 0; i < 20 && (await client.xlen(keys.stream)) > 0; i++) await redrive.run(Date.now() + 30_000);
    await redrive.close();
    expect(await client.xlen(keys.stream)).toBe(0);
    // At least once for all; exactly once for every letter but the one in flight at the kill, which a receiver tells by its webhook-id.
    const counts = deliveries(ids);
    for (const [i, id] of ids.entries()) expect(counts[i], id).toBe(inFlight.includes(id) ? counts[i] : 1);
    for (const id of inFlight) expect([1, 2]).toContain(counts[ids.indexOf(id)]);
    const again = inFlight.filter((id) => counts[ids.indexOf(id)] === 2).length;
    console.log(
      `[figures] killed run: ${ids.length} letters, ${deliveredBefore} delivered before the kill, the rest after its hold expired; ` +
        `${ids.length - inFlight.length} exactly once, the one in flight at the kill ${again ? "twice (its completion was not recorded)" : "once"}`,
    );
  }, 90_000);

  /** Each event reached the backend once, or its letter is still in the stream and in the due set (or both, after a kill). */
  async function expectDeliveredOrDue(ns: string, ids: readonly string[], options: { deliveredAndKept?: boolean } = {}): Promise<void> {
    const keys = keysOf(ns);
    const entries = await client.xrange(keys.stream, "-", "+");
    const due = new Set(await client.zrange(keys.due, "0", "-1"));
    const kept = new Map(entries.map(([entryId, fields]) => [(JSON.parse(fields[fields.indexOf("letter") + 1]!) as DeadLetter).event!.id, entryId]));
    for (const id of ids) {
      const delivered = backend.accepted.get(wireId(id)) ?? 0;
      const entry = kept.get(id);
      if (options.deliveredAndKept && delivered === 1 && entry) expect(due.has(entry), `${id}: kept, so due`).toBe(true);
      else expect([id, delivered, entry !== undefined && due.has(entry)], `${id}: delivered once, or kept and due`).toEqual([id, entry ? 0 : 1, entry !== undefined]);
    }
  }

  it("a quarantined letter is tried once with the deployed schemas, then waits: later runs (the built bundle too) leave it, " +
    "until the schemas change and it is delivered", async () => {
    const ns = `${prefix}quarantine:`;
    const env = envFor(ns);
    const keys = keysOf(ns);
    backend.behave(() => ({ status: 204 }));
    // Authentic, but player.status without its players: today's schema refuses it.
    const invalid = sudEnvelope("sud.mg.merchant.player.status", { mg_id: "1", room_id: "9", event: "manage_status" }, "q-1");
    const fn = createProcessor(FUNCTION_SPECS["sud-notify"]!, { env: { ...env, FC_FUNCTION_NAME: "sud-notify" }, log: silentLogger });
    expect(JSON.parse((await fn(toInbound(sudCall({ now: Date.now(), body: invalid }), Date.now()))).body)).toMatchObject({ ret_code: 0 });
    await fn.close();

    const redrive = createRedrive(FUNCTION_SPECS, { env, log: silentLogger });
    expect(await redrive.run(Date.now() + 30_000)).toMatchObject({ taken: 1, failed: 1, left: 1 });
    const [[, fields]] = (await client.xrange(keys.stream, "-", "+")) as [[string, string[]]];
    const letter = JSON.parse(fields[fields.indexOf("letter") + 1]!) as DeadLetter;
    expect(letter).toMatchObject({ kind: "quarantined", attempts: 2 });
    expect(letter.history![0]).toMatchObject({ reason: "invalid", schemas: expect.stringMatching(/^[0-9a-f]{16}$/) });
    // Due only at its age limit: it is parked then unless the schemas change.
    const dueAt = Number(await client.zscore(keys.due, (await client.zrange(keys.due, "0", "0"))[0]!));
    expect(Math.abs(dueAt - (letter.request.receivedAt + 24 * 3600_000))).toBeLessThan(1000);

    // Runs with the same schemas, here and in the built bundle, leave it: the bundle fingerprints them as the source does.
    expect(await redrive.run(Date.now() + 30_000)).toMatchObject({ taken: 0, left: 1 });
    await redrive.close();
    const child = await RedriveProcess.start(env);
    processes.push(child);
    expect(await child.run(30_000)).toMatchObject({ taken: 0, left: 1 });
    await child.kill();

    // A deploy whose sud-notify schemas accept it: the next run brings it forward and delivers it.
    const loosened: FunctionSpecs = { ...FUNCTION_SPECS, "sud-notify": { ...FUNCTION_SPECS["sud-notify"]!, callbacks: [sud.genericCallback("sud.mg.merchant.player.status")] } };
    const redeployed = createRedrive(loosened, { env, log: silentLogger });
    expect(await redeployed.run(Date.now() + 30_000)).toMatchObject({ taken: 1, delivered: 1, left: 0 });
    await redeployed.close();
    expect(backend.accepted.get("sud:q-1")).toBe(1);
    expect(await client.xlen(keys.stream)).toBe(0);
  }, 60_000);
});
