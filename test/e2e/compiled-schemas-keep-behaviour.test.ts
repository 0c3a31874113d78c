// The compiled schema parsers change nothing anyone can see. Every function's built bundle is sent a
// large random sample of correctly signed callbacks (each catalog callback of its platform, valid and
// mutated: fields removed, wrong types, big integers, extra keys, nulls), once with the compiled
// parsers and once judged by zod alone (the ZOD_ONLY switch, tests only), by two fresh instances fed
// the same sequence at the same frozen clock: the answers and the log lines must be the same bytes.
import fc from "fast-check";
import { stringify } from "lossless-json";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isAnswering } from "../../shared/core/answering";
import type { SampleContext } from "../../shared/core/callback";
import { ZOD_ONLY } from "../../shared/core/issues";
import { sudAppInterfaces } from "../../shared/platforms/sud/app-server";
import { toolingOf } from "../../shared/platforms/tooling";
import { assignEnv, type BundleHandler, FC_CONTEXT, LAMBDA_CONTEXT, loadBundle } from "../helpers/bundle";
import { fcHttpBuffer, type HttpCall, httpCall, lambdaHttpEvent } from "../helpers/events";
import { FUNCTION_NAMES, FUNCTION_SPECS, type FunctionName } from "../helpers/functions";
import { envFor } from "../helpers/harness";
import { captureJsonLog } from "../helpers/log-capture";
import { copy, mutatedArb } from "../helpers/mutations";
import { NOW_MS, sudCall } from "../helpers/requests";
import { sampleContext } from "../helpers/samples";

/** Callbacks per function: about 4000 requests in all, each sent to both instances. */
const RUNS_PER_FUNCTION = 330;

// The app-server interfaces have no sample export: a call as SUD makes it.
const APP_SERVER_SAMPLES: Record<string, Record<string, unknown>> = {
  get_sstoken: { code: "code-1" },
  update_sstoken: { ss_token: "token-1" },
  get_user_info: { ss_token: "token-1" },
  get_account: { uid: "10001" },
  get_score: { uid: "10001" },
  report_game_info: { report_type: "game_start", report_msg: { mg_id: "1468180338417074177", room_id: "9009", game_round_id: "r1", uid: "10001" } },
};

interface Sent {
  readonly name: string;
  readonly payload: unknown;
}

const appServer = (fn: FunctionName) => FUNCTION_SPECS[fn].callbacks.every((c) => sudAppInterfaces.some((i) => i.name === c.name));

/**
 * What a function may be sent: every callback its platform has (others' are quarantined or refused),
 * and one without a schema. Answering callbacks first: the first of them waits for answer.js, whose
 * one-time warnings are then logged inside that call rather than inside a later one.
 */
function sendable(fn: FunctionName, ctx: SampleContext): { name: string; sample: unknown }[] {
  if (appServer(fn)) return sudAppInterfaces.map((i) => ({ name: i.name, sample: APP_SERVER_SAMPLES[i.name] }));
  const tooling = toolingOf(FUNCTION_SPECS[fn].platform.name);
  const served = new Set(FUNCTION_SPECS[fn].callbacks.filter(isAnswering).map((c) => c.name));
  const known = tooling.catalog.map((entry) => ({ name: entry.definition.name, sample: entry.sample(ctx) }));
  known.sort((a, b) => Number(served.has(b.name)) - Number(served.has(a.name)));
  return tooling.unknown ? [...known, { name: tooling.unknown.name, sample: tooling.unknown.sample(ctx) }] : known;
}

/** The callback signed as its platform signs it, at the frozen clock. */
function signed(fn: FunctionName, sent: Sent, ctx: SampleContext): HttpCall {
  const settings = envFor(fn);
  if (appServer(fn)) return sudCall({ body: stringify(sent.payload) ?? "null", now: NOW_MS, path: `/sud/app/${sent.name}` });
  const tooling = toolingOf(FUNCTION_SPECS[fn].platform.name);
  const unsigned = tooling.request(sent.name, sent.payload as Record<string, unknown>, ctx);
  const call = tooling.sign(unsigned, stringify(unsigned.body) ?? "null", { settings, now: NOW_MS });
  return httpCall({ method: "POST", path: "/", query: call.query, headers: call.headers, body: call.body });
}

/** One call to one instance: its answer and the log lines it wrote, as text. */
async function answerOf(handler: BundleHandler, event: () => unknown, context: unknown, zodOnly: boolean): Promise<{ answer: string; lines: string[] }> {
  const log = captureJsonLog();
  (globalThis as Record<symbol, unknown>)[ZOD_ONLY] = zodOnly;
  try {
    const answer = await handler(event(), context);
    return { answer: Buffer.isBuffer(answer) ? `buffer:${answer.toString("utf8")}` : JSON.stringify(answer), lines: log.lines };
  } finally {
    delete (globalThis as Record<symbol, unknown>)[ZOD_ONLY];
    log.stop();
  }
}

describe("the compiled schema parsers keep every answer and log line of the built bundles", () => {
  beforeAll(() => void vi.useFakeTimers({ toFake: ["Date"], now: NOW_MS }));
  afterAll(() => void vi.useRealTimers());

  for (const fn of FUNCTION_NAMES) {
    it(`${fn}: random valid and mutated callbacks, answered alike`, { timeout: 120_000 }, async () => {
      const env = envFor(fn);
      assignEnv(env);
      const fast = loadBundle(fn);
      const zodOnly = loadBundle(fn);
      const ctx = sampleContext({ now: NOW_MS, bareIds: "bigint", settings: env });
      const callbacks = sendable(fn, ctx);
      const servedNames = new Set(FUNCTION_SPECS[fn].callbacks.map((c) => c.name));
      const servedIndexes = callbacks.flatMap((c, i) => (servedNames.has(c.name) ? [i] : []));
      const answers = new Set<string>();
      const compare = async (sent: Sent, overFc: boolean) => {
        const call = signed(fn, { name: sent.name, payload: copy(sent.payload) }, ctx);
        const event = () => (overFc ? fcHttpBuffer(call) : lambdaHttpEvent(call));
        const context = overFc ? FC_CONTEXT : LAMBDA_CONTEXT;
        const a = await answerOf(fast, event, context, false);
        const b = await answerOf(zodOnly, event, context, true);
        expect(a.answer).toBe(b.answer);
        expect(a.lines).toEqual(b.lines);
        answers.add(a.lines.map((line) => JSON.parse(line).msg).join("+"));
      };
      // Each instance's first requests (cold start lines among them): every callback's valid sample once.
      for (const [i, callback] of callbacks.entries()) await compare({ name: callback.name, payload: callback.sample }, i % 2 === 1);
      await fc.assert(
        fc.asyncProperty(
          // Mostly the callbacks the function serves (the others are refused before validation).
          fc
            .oneof({ weight: 3, arbitrary: fc.constantFrom(...servedIndexes) }, { weight: 1, arbitrary: fc.nat({ max: callbacks.length - 1 }) })
            .chain((i) => mutatedArb(callbacks[i]!.sample).map((payload) => ({ name: callbacks[i]!.name, payload }))),
          fc.boolean(),
          compare,
        ),
        { numRuns: RUNS_PER_FUNCTION },
      );
      // Not one kind of answer only: accepted ones and refused or quarantined ones were both compared.
      expect([...answers].some((kinds) => kinds.includes("callback accepted") || kinds.includes("answered"))).toBe(true);
      expect(answers.size).toBeGreaterThan(1);
      for (const key of Object.keys(env)) delete process.env[key];
    });
  }
});
