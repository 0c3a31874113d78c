// The build writes each schema's parser beside the bundle (dist/<fn>/parsers/), and an instance loads the one
// a callback needs at its first request instead of generating it. Every schema a function validates with has
// its file, only the callback received is loaded, and a folder without them answers the same bytes (the
// parsers are then generated at run time, as in the sources).
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
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

const require = createRequire(import.meta.url);
const parsersOf = (fn: FunctionName) => join(dirname(bundlePath(fn)), PARSERS_DIR);
const loadedParsers = (fn: FunctionName) =>
  Object.keys(require.cache)
    .filter((file) => file.startsWith(`${parsersOf(fn)}/`))
    .map((file) => file.slice(parsersOf(fn).length + 1))
    .sort();

/** The schemas a function's spec validates with, by the names the build writes their parsers under. */
function schemaNames(fn: FunctionName): string[] {
  const callbacks = FUNCTION_SPECS[fn].callbacks as readonly (AnyCallback & { answers?: { schema?: unknown } })[];
  const names = callbacks.flatMap((c) => [c.name, ...(c.answers?.schema ? [answersSchemaName(c.name)] : [])]);
  // SUD's notify envelope, in every SUD bundle.
  if (FUNCTION_SPECS[fn].platform.name === "sud") names.push("sud.envelope");
  return names;
}

describe("each function's parsers/ folder", () => {
  it.each(FUNCTION_NAMES)("dist/%s holds one parser per schema it validates with", (fn) => {
    expect(readdirSync(parsersOf(fn)).sort()).toEqual(
      schemaNames(fn)
        .map((name) => `${name}.js`)
        .sort(),
    );
  });
});

describe("an instance loads the parser of the callback it receives, and no other", () => {
  beforeAll(() => void vi.useFakeTimers({ toFake: ["Date"], now: NOW_MS }));
  afterAll(() => void vi.useRealTimers());

  it("dist/tencent-live: a room destroyed loads Live.CallbackAfterDestroyRoom.js alone", async () => {
    const fn = "tencent-live";
    const env = envFor(fn);
    assignEnv(env);
    const handler = loadBundle(fn);
    expect(loadedParsers(fn)).toEqual([]);
    const ctx = sampleContext({ now: NOW_MS, bareIds: "bigint", settings: env });
    const sample = sendable(fn, ctx).find((c) => c.name === "Live.CallbackAfterDestroyRoom")!;
    const { lines } = await answerOf(handler, () => lambdaHttpEvent(signed(fn, { name: sample.name, payload: sample.sample }, ctx)), LAMBDA_CONTEXT);
    expect(lines.map((line) => JSON.parse(line).msg)).toContain("callback accepted");
    expect(loadedParsers(fn)).toEqual(["Live.CallbackAfterDestroyRoom.js"]);
    for (const key of Object.keys(env)) delete process.env[key];
  });
});

describe("a callback named by what was sent", () => {
  beforeAll(() => void vi.useFakeTimers({ toFake: ["Date"], now: NOW_MS }));
  afterAll(() => void vi.useRealTimers());

  it("dist/tencent-live: an authentic command it does not know, named like a parser's file, is never parsed by that file", async () => {
    const fn = "tencent-live";
    const env = envFor(fn);
    assignEnv(env);
    const handler = loadBundle(fn);
    const ctx = sampleContext({ now: NOW_MS, bareIds: "bigint", settings: env });
    // The answers schema of the message check would refuse this payload (or keep only its own keys).
    const name = answersSchemaName("Group.CallbackBeforeSendMsg");
    const payload = { CallbackCommand: name, Extra: { deep: [1, 2] }, ErrorCode: "not a number" };
    const { lines } = await answerOf(handler, () => lambdaHttpEvent(signed(fn, { name, payload }, ctx)), LAMBDA_CONTEXT);
    const accepted = lines.map((line) => JSON.parse(line)).find((line) => line.msg === "callback accepted");
    expect(accepted?.event).toMatchObject({ callback: name, known: false, data: payload });
    expect(loadedParsers(fn)).toEqual([]);
    for (const key of Object.keys(env)) delete process.env[key];
  });
});

describe("a bundle without its parsers/ folder", () => {
  const copies = mkdtempSync(join(tmpdir(), "no-parsers-"));
  beforeAll(() => void vi.useFakeTimers({ toFake: ["Date"], now: NOW_MS }));
  afterAll(() => {
    vi.useRealTimers();
    rmSync(copies, { recursive: true, force: true });
  });

  it.each(["tencent-live", "sud-notify", "sud-app-server", "yuanjing-session-lifecycle"] as const)(
    "%s: generates each parser at its first use, answering and logging the same bytes",
    async (fn) => {
      const env = envFor(fn);
      assignEnv(env);
      const copy = join(copies, fn);
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
