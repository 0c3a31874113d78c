// The build writes each schema's parser beside the bundle (dist/<fn>/parsers/), and an instance loads the one
// a callback needs at its first request instead of generating it. Every schema a function validates with has
// its file, only the callback received is loaded, and a folder without them answers the same bytes (the
// parsers are then generated at run time, as in the sources).
import { cpSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PARSERS_DIR } from "../../scripts/build.mjs";
import type { AnyCallback } from "../../shared/core/callback";
import { answersSchemaName } from "../../shared/core/compiled-schema";
import { answerOf, sendable, signed } from "../helpers/behaviour";
import { assignEnv, type BundleHandler, bundlePath, forgetBundle, LAMBDA_CONTEXT, loadBundle } from "../helpers/bundle";
import { lambdaHttpEvent } from "../helpers/events";
import { FUNCTION_NAMES, FUNCTION_SPECS, type FunctionName } from "../helpers/functions";
import { envFor } from "../helpers/harness";
import { NOW_MS } from "../helpers/requests";
import { sampleContext } from "../helpers/samples";
import { tempDir } from "../helpers/temp";

const require = createRequire(import.meta.url);
const parsersOf = (fn: FunctionName) => join(dirname(bundlePath(fn)), PARSERS_DIR);
const loadedParsers = (fn: FunctionName) =>
  Object.keys(require.cache)
    .filter((file) => file.startsWith(`${parsersOf(fn)}/`))
    .map((file) => file.slice(parsersOf(fn).length + 1))
    .sort();

/** The schemas a function's spec validates with, by the names the build writes their parsers under. */
function schemaNames(fn: FunctionName): string[] {
  const spec = FUNCTION_SPECS[fn];
  const callbacks = spec.callbacks as readonly (AnyCallback & { answers?: { schema?: unknown } })[];
  // The platform's own (SUD's notify envelope), then each callback's and each answers schema.
  return [...Object.keys(spec.platform.schemas ?? {}), ...callbacks.flatMap((c) => [c.name, ...(c.answers?.schema ? [answersSchemaName(c.name)] : [])])];
}

describe("each function's parsers/ folder", () => {
  it.each(FUNCTION_NAMES)("dist/%s holds one parser per schema it validates with", (fn) => {
    expect(readdirSync(parsersOf(fn)).sort()).toEqual(
      schemaNames(fn)
        .map((name) => `${name}.js`)
        .sort(),
    );
  });

  it("dist/dead-letter-redrive holds every function's, the redrive replaying through them all", () => {
    const every = new Set(FUNCTION_NAMES.flatMap(schemaNames));
    expect(readdirSync(join(dirname(bundlePath("dead-letter-redrive" as FunctionName)), PARSERS_DIR)).sort()).toEqual([...every].map((name) => `${name}.js`).sort());
  });
});

describe("dist/tencent-live, a fresh instance, loads the parser of a callback it serves, and no other", () => {
  beforeAll(() => void vi.useFakeTimers({ toFake: ["Date"], now: NOW_MS }));
  afterAll(() => void vi.useRealTimers());

  const fn = "tencent-live";
  /** The log lines of a fresh instance's first answer, `payload` signed as the command `name`. */
  async function firstAnswer(name: string, payload?: unknown) {
    const env = envFor(fn);
    assignEnv(env);
    const handler = loadBundle(fn);
    expect(loadedParsers(fn)).toEqual([]);
    const ctx = sampleContext({ now: NOW_MS, bareIds: "bigint", settings: env });
    const sent = payload ?? sendable(fn, ctx).find((c) => c.name === name)!.sample;
    const { lines } = await answerOf(handler, () => lambdaHttpEvent(signed(fn, { name, payload: sent }, ctx)), LAMBDA_CONTEXT);
    for (const key of Object.keys(env)) delete process.env[key];
    return lines.map((line) => JSON.parse(line));
  }

  it("a room destroyed loads Live.CallbackAfterDestroyRoom.js alone", async () => {
    const lines = await firstAnswer("Live.CallbackAfterDestroyRoom");
    expect(lines.map((line) => line.msg)).toContain("callback accepted");
    expect(loadedParsers(fn)).toEqual(["Live.CallbackAfterDestroyRoom.js"]);
  });

  it("an authentic command it does not know, named like a parser's file, is never parsed by that file", async () => {
    // The answers schema of the message check would refuse this payload (or keep only its own keys).
    const name = answersSchemaName("Group.CallbackBeforeSendMsg");
    const payload = { CallbackCommand: name, Extra: { deep: [1, 2] }, ErrorCode: "not a number" };
    const accepted = (await firstAnswer(name, payload)).find((line) => line.msg === "callback accepted");
    expect(accepted?.event).toMatchObject({ callback: name, known: false, data: payload });
    expect(loadedParsers(fn)).toEqual([]);
  });
});

describe("a bundle without its parsers/ folder", () => {
  beforeAll(() => void vi.useFakeTimers({ toFake: ["Date"], now: NOW_MS }));
  afterAll(() => void vi.useRealTimers());

  it.each(["tencent-live", "sud-notify", "sud-app-server", "yuanjing-session-lifecycle"] as const)(
    "%s: generates each parser at its first use, answering and logging the same bytes",
    async (fn) => {
      const env = envFor(fn);
      assignEnv(env);
      const copy = tempDir(`${fn}-`);
      cpSync(dirname(bundlePath(fn)), copy, { recursive: true });
      rmSync(join(copy, PARSERS_DIR), { recursive: true });
      forgetBundle(join(copy, "index.js"));
      const without = require(join(copy, "index.js")).handler as BundleHandler;
      const withFiles = loadBundle(fn);
      const ctx = sampleContext({ now: NOW_MS, bareIds: "bigint", settings: env });
      let accepted = 0;
      for (const c of sendable(fn, ctx)) {
        const call = signed(fn, { name: c.name, payload: c.sample }, ctx);
        const event = () => lambdaHttpEvent(call);
        const [a, b] = [await answerOf(withFiles, event, LAMBDA_CONTEXT), await answerOf(without, event, LAMBDA_CONTEXT)];
        expect(b.answer, c.name).toBe(a.answer);
        expect(b.lines, c.name).toEqual(a.lines);
        if (a.lines.some((line) => /"callback accepted"|"answered"/.test(line))) accepted++;
      }
      expect(accepted).toBeGreaterThan(0);
      for (const key of Object.keys(env)) delete process.env[key];
    },
  );
});
