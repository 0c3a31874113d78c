// The compiled schema parsers change nothing anyone can see. Every function's built bundle is sent a
// large random sample of correctly signed callbacks (each catalog callback of its platform, valid and
// mutated: fields removed, wrong types, big integers, extra keys, nulls), once with the compiled
// parsers and once judged by zod alone (the JUDGE switch, tests only), by two fresh instances fed
// the same sequence at the same frozen clock: the answers and the log lines must be the same bytes.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { answerOf, RUNS_PER_FUNCTION, type Sent, sendable, signed } from "../helpers/behaviour";
import { assignEnv, FC_CONTEXT, LAMBDA_CONTEXT, loadBundle } from "../helpers/bundle";
import { fcHttpBuffer, lambdaHttpEvent } from "../helpers/events";
import { FUNCTION_NAMES, FUNCTION_SPECS } from "../helpers/functions";
import { envFor } from "../helpers/harness";
import { copy, mutatedArb } from "../helpers/mutations";
import { NOW_MS } from "../helpers/requests";
import { sampleContext } from "../helpers/samples";

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
        const a = await answerOf(fast, event, context);
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
