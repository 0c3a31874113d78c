// The built redrive bundle called as each runtime's timer calls it: FC's timer trigger hands a Buffer and
// a context that tells the function's timeout, EventBridge's schedule an object and a context that tells
// the time left. Every call logs one "redrive run" line and answers its summary; a run too short to
// settle a letter takes none.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcessor } from "../../shared/function";
import { FUNCTION_SPECS } from "../../functions/dead-letter-redrive/functions";
import { toInbound } from "../helpers/events";
import { assignEnv, captureLogs, forgetBundle } from "../helpers/bundle";
import { ENV } from "../helpers/harness";
import { sudCall, sudEnvelope } from "../helpers/requests";
import { ensureBuilt } from "../redis/helpers/bundles";
import { cleanPrefix, REDIS_URL, requireRedis, testClient, uniquePrefix } from "../redis/helpers/redis";

const require = createRequire(import.meta.url);
const BUNDLE = fileURLToPath(new URL("../../dist/dead-letter-redrive/index.js", import.meta.url));
type Handler = (event: unknown, context?: unknown) => Promise<unknown>;

/** A cold start: the bundle loaded afresh, with the environment set now. */
function coldStart(env: Record<string, string | undefined>): Handler {
  assignEnv(env);
  forgetBundle(BUNDLE);
  return (require(BUNDLE) as { handler: Handler }).handler;
}

const fcTimer = Buffer.from(JSON.stringify({ triggerTime: "2026-11-21T04:05:00Z", triggerName: "redrive", payload: '{"redrive":"scheduled"}' }));
const schedule = {
  version: "0",
  id: "e1",
  "detail-type": "Scheduled Event",
  source: "aws.events",
  time: "2026-11-21T04:05:00Z",
  region: "ap-southeast-1",
  resources: [],
  detail: {},
};
const redis = await requireRedis();
const NAMES = [
  ...["REDIS_URL", "REDIS_KEY_PREFIX", "SUD_APP_ID", "SUD_APP_SECRET", "TENCENT_SDK_APP_ID", "TENCENT_CALLBACK_TOKEN", "YUANJING_APP_SECRET"],
  ...["DEAD_LETTER_KEY", "REDRIVE_MAX_ATTEMPTS", "REDRIVE_BACKOFF_BASE_S", "REDRIVE_BACKOFF_MAX_S"],
];
const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
const logs = captureLogs();
const summaries = () => logs.lines().filter((l) => l.msg === "redrive run");

beforeAll(() => ensureBuilt());
afterAll(() => assignEnv(saved));

describe("dead-letter-redrive, the built bundle", () => {
  it("on FC's timer event without REDIS_URL: answers its summary as JSON text, and its one error line says why it did nothing", async () => {
    const handler = coldStart({ ...Object.fromEntries(NAMES.map((n) => [n, undefined])), ...ENV.sud, ...ENV.tencent });
    const answer = await handler(fcTimer, { requestId: "r-1", function: { name: "dead-letter-redrive", timeout: 60 } });
    expect(typeof answer).toBe("string");
    expect(JSON.parse(answer as string)).toEqual({ taken: 0, delivered: 0, failed: 0, parked: 0, left: 0, problem: expect.stringContaining("REDIS_URL is not set") });
    expect(summaries().at(-1)).toMatchObject({ level: "error", taken: 0, left: 0, problem: expect.stringContaining("REDIS_URL is not set") });
  });

  it("without DEAD_LETTER_KEY it replays nothing: it could not tell an altered letter from the one kept", async () => {
    const handler = coldStart({ ...ENV.sud, ...ENV.tencent, REDIS_URL, DEAD_LETTER_KEY: undefined });
    const answer = (await handler(schedule, { getRemainingTimeInMillis: () => 60_000 })) as { problem: string; taken: number };
    expect(answer).toMatchObject({ taken: 0, problem: expect.stringMatching(/^DEAD_LETTER_KEY is not set: the redrive replays only letters it can prove unaltered/) });
  });

  it("a bad REDRIVE_ setting: the run names the variable, never its value", async () => {
    const handler = coldStart({ ...ENV.sud, ...ENV.tencent, REDIS_URL, REDRIVE_MAX_ATTEMPTS: "s3cr3t-many" });
    const answer = (await handler(schedule, { getRemainingTimeInMillis: () => 60_000 })) as { problem: string };
    expect(answer.problem).toBe("misconfigured: REDRIVE_MAX_ATTEMPTS must be a whole number from 1 to 1000");
    expect(logs.text()).not.toContain("s3cr3t-many");
  });
});

describe.skipIf(!redis.available)("dead-letter-redrive, the built bundle, on the real Redis", () => {
  const prefix = uniquePrefix("redrive-bundle");
  const client = testClient();
  afterAll(async () => {
    await cleanPrefix(client, prefix);
    await client.quit();
  });

  it("reads its deadline from each runtime: too little time left (FC's timeout, Lambda's remaining time) takes nothing; enough redrives the letter", async () => {
    const env = { ...ENV.sud, ...ENV.tencent, ...ENV.yuanjing, REDIS_URL, REDIS_KEY_PREFIX: prefix, REDRIVE_BACKOFF_BASE_S: "0", REDRIVE_BACKOFF_MAX_S: "0" };
    // A dead letter: SUD's notification quarantined as invalid (no target is needed to keep one).
    const fn = createProcessor(FUNCTION_SPECS["sud-notify"]!, { env, log: () => {} });
    const body = sudEnvelope("sud.mg.merchant.player.status", { mg_id: "1", room_id: "9", event: "manage_status" }, "bundle-1");
    await fn(toInbound(sudCall({ now: Date.now(), body }), Date.now()));
    await fn.close();
    expect(await client.xlen(`${prefix}dead-letters`)).toBe(1);

    const handler = coldStart({ ...env, REDRIVE_MAX_ATTEMPTS: undefined });
    // 8 s: less than a letter may take (the slowest platform's 5 s and eight Redis round trips) and the summary's second.
    expect(JSON.parse((await handler(fcTimer, { function: { timeout: 8 } })) as string)).toMatchObject({ taken: 0, left: 1 });
    expect(await handler(schedule, { getRemainingTimeInMillis: () => 8000 })).toMatchObject({ taken: 0, left: 1 });
    // Enough time: tried once with the deployed schemas (still invalid), and then it waits for them to change.
    expect(await handler(schedule, { getRemainingTimeInMillis: () => 60_000 })).toMatchObject({ taken: 1, failed: 1, left: 1 });
    expect(
      summaries()
        .slice(-3)
        .map((s) => [s.level, s.taken]),
    ).toEqual([
      ["info", 0],
      ["info", 0],
      ["info", 1],
    ]);
  });
});
