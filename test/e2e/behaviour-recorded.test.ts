// What the built bundles answer and log, held to a record. Every function is sent the same seeded sample
// of correctly signed callbacks on every run (each catalog callback of its platform, valid and mutated:
// fields removed, wrong types, big integers, extra keys, nulls; over Lambda and FC alike) at a frozen
// clock, and each request's answer and log lines are digested. test/fixtures/behaviour.json keeps the
// digests as the product wrote them when the record was made: a change meant to be invisible (a faster
// path, a cheaper cold start) must leave every one alone. A change meant to alter what is answered or
// logged records again with UPDATE_BEHAVIOUR=1, and the fixture's diff shows which functions moved.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { answerOf, RUNS_PER_FUNCTION, sendable, signed } from "../helpers/behaviour";
import { assignEnv, FC_CONTEXT, LAMBDA_CONTEXT, loadBundle } from "../helpers/bundle";
import { fcHttpBuffer, lambdaHttpEvent } from "../helpers/events";
import { FUNCTION_NAMES } from "../helpers/functions";
import { envFor } from "../helpers/harness";
import { copy, mutatedArb } from "../helpers/mutations";
import { NOW_MS } from "../helpers/requests";
import { sampleContext } from "../helpers/samples";
import { seededBytes } from "../helpers/seeded";

const RECORD = join("test", "fixtures", "behaviour.json");
const UPDATE = process.env.UPDATE_BEHAVIOUR === "1";

/** A function's own seed: adding a function leaves the others' samples as they were. */
const seedOf = (fn: string) => createHash("sha256").update(fn).digest().readUInt32BE(0);
const digest = (answer: string, lines: readonly string[]) => createHash("sha256").update(answer).update("\0").update(lines.join("\n")).digest("hex").slice(0, 12);

const recorded: Record<string, string[]> = UPDATE ? {} : JSON.parse(readFileSync(RECORD, "utf8"));
const made: Record<string, string[]> = {};

describe("the built bundles answer and log as recorded", () => {
  beforeAll(() => void vi.useFakeTimers({ toFake: ["Date"], now: NOW_MS }));
  afterAll(() => {
    vi.useRealTimers();
    if (UPDATE) writeFileSync(RECORD, `${JSON.stringify(made, null, 1)}\n`);
  });

  for (const fn of FUNCTION_NAMES) {
    it(`${fn}: the seeded sample answered and logged as recorded`, { timeout: 120_000 }, async () => {
      const env = envFor(fn);
      assignEnv(env);
      const handler = loadBundle(fn);
      const ctx = sampleContext({ now: NOW_MS, bareIds: "bigint", settings: env, bytes: seededBytes(seedOf(fn)) });
      const callbacks = sendable(fn, ctx);
      // Every callback's valid sample first (the instance's first requests, cold-start lines among them), then the random ones.
      const mutated = fc.sample(
        fc.tuple(
          fc.nat({ max: callbacks.length - 1 }).chain((i) => mutatedArb(callbacks[i]!.sample).map((payload) => ({ name: callbacks[i]!.name, payload }))),
          fc.boolean(),
        ),
        { seed: seedOf(fn), numRuns: RUNS_PER_FUNCTION },
      );
      const sends = [...callbacks.map((c, i) => [{ name: c.name, payload: c.sample }, i % 2 === 1] as const), ...mutated];
      const digests: string[] = [];
      const kinds = new Set<string>();
      const expected = recorded[fn];
      if (!UPDATE) expect(expected, `${RECORD} has no record of ${fn}: record with UPDATE_BEHAVIOUR=1`).toBeDefined();
      for (const [index, [sent, overFc]] of sends.entries()) {
        const call = signed(fn, { name: sent.name, payload: copy(sent.payload) }, ctx);
        const event = () => (overFc ? fcHttpBuffer(call) : lambdaHttpEvent(call));
        const { answer, lines } = await answerOf(handler, event, overFc ? FC_CONTEXT : LAMBDA_CONTEXT);
        const got = digest(answer, lines);
        digests.push(got);
        kinds.add(lines.map((line) => JSON.parse(line).msg).join("+"));
        // The first request that differs, shown whole: what it was sent, and what it answered and logged now.
        if (!UPDATE && expected?.[index] !== got) {
          expect.fail(`request ${index} (${sent.name}, over ${overFc ? "FC" : "Lambda"}) is not answered as recorded; now:\n${answer}\n${lines.join("\n")}`);
        }
      }
      made[fn] = digests;
      if (!UPDATE) expect(digests.length).toBe(expected!.length);
      // Not one kind of answer only: accepted ones and refused or quarantined ones are both in the record.
      expect([...kinds].some((k) => k.includes("callback accepted") || k.includes("answered"))).toBe(true);
      expect(kinds.size).toBeGreaterThan(1);
      for (const key of Object.keys(env)) delete process.env[key];
    });
  }
});
