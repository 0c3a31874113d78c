import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Env } from "../../shared/core/config";
import { silentLogger } from "../../shared/core/log";
import type { DeadLetter } from "../../shared/delivery/dead-letter/record";
import { deliveryFromEnv } from "../../shared/delivery/from-env";
import { DEV_CREDENTIALS } from "../../scripts/dev-credentials";
import { logLetters } from "../../scripts/replay/letters";
import { replay } from "../../scripts/replay/replay";
import { invocation, toInbound } from "../helpers/events";
import { fixtureText } from "../helpers/fixtures";
import { ENV } from "../helpers/harness";
import { LETTER_KEY, lettersFrom, memorySource } from "../helpers/letters";
import { tencentCall, TENCENT_TOKEN } from "../helpers/requests";
import { tempDir } from "../helpers/temp";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TENCENT_ENV: Env = { ...ENV.tencent, DEAD_LETTER_KEY: LETTER_KEY, FC_FUNCTION_NAME: "tencent-live" };

function battleStart(battleId: string, env: { token: string; appId?: string } = { token: TENCENT_TOKEN }, at = Date.now()) {
  const body = fixtureText("tencent", "battle-start").replace("4siHsNsWN/T3aub9zKraqI4zZAyPRpXQhdtKv1q4HOs=", battleId);
  return toInbound(tencentCall({ command: "Live.CallbackAfterStartBattle", body, token: env.token, appId: env.appId, now: at }), at);
}

describe("replay stops before touching any letter when a function's configuration is invalid", () => {
  it.each([
    ["a required setting missing", { ...TENCENT_ENV, TENCENT_SDK_APP_ID: undefined }, /tencent-live is misconfigured: TENCENT_SDK_APP_ID is not set/],
    ["a platform secret list with nothing between its commas", { ...TENCENT_ENV, TENCENT_CALLBACK_TOKEN: ",," }, /TENCENT_CALLBACK_TOKEN holds no value/],
  ])("%s: one clear reason, no letter removed or rewritten", async (_, env, reason) => {
    const { letters } = await lettersFrom("tencent-live", TENCENT_ENV, [battleStart("cfg-1"), battleStart("cfg-2")]);
    const source = memorySource(letters);
    const before = JSON.stringify([...source.kept]);
    const delivery = deliveryFromEnv(TENCENT_ENV, silentLogger);
    const run = replay(source.stored, { env, log: silentLogger, delivery, source });
    await expect(run).rejects.toThrow(reason);
    await run.catch((error: Error) => expect(error.message).not.toContain("\n"));
    expect([source.removed, source.replaced]).toEqual([[], []]);
    expect(JSON.stringify([...source.kept])).toBe(before);
  });
});

describe("a failed replay keeps each attempt in a history, and the first reason", () => {
  it("two failed replays: attempts 3, the original reason, message and time kept, each attempt in `history`", async () => {
    const { letters } = await lettersFrom("tencent-live", TENCENT_ENV, [battleStart("hist-1")]);
    const original = letters[0]!;
    expect(original).toMatchObject({ reason: "delivery_failed", attempts: 1 });

    // First replay: through a function that does not serve the callback; second: the target fails.
    let source = memorySource(letters);
    const failing = { name: "backend", send: async () => Promise.reject(new Error("still down")) };
    const delivery = { ...deliveryFromEnv(TENCENT_ENV, silentLogger), targets: [failing] };
    await replay(source.stored, { env: TENCENT_ENV, log: silentLogger, delivery, source, functionName: "tencent-live-battle-end" });
    source = memorySource([...source.kept.values()]);
    await replay(source.stored, { env: TENCENT_ENV, log: silentLogger, delivery, source });

    const kept = [...source.kept.values()][0]!;
    expect(kept).toMatchObject({ reason: original.reason, message: original.message, at: original.at, attempts: 3 });
    expect(kept.history).toEqual([
      // A refusal by the schemas records which schemas refused it (the redrive waits for them to change).
      { at: expect.any(String), reason: "wrong_callback", message: expect.stringContaining("not Live.CallbackAfterStartBattle"), schemas: expect.stringMatching(/^[0-9a-f]{16}$/) },
      { at: expect.any(String), reason: "delivery_failed", message: "delivery failed: backend: still down" },
    ]);
    for (const entry of kept.history!) expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(Date.parse(original.at));
  });
});

describe("--from-log reads dead letters wherever the JSON sits on the line", () => {
  it("plain JSON lines, FC's and CloudWatch's prefixes, the emulator's prefix, a log export that quotes the line; counts lines it could not read", async () => {
    const { letters } = await lettersFrom("tencent-live", TENCENT_ENV, [battleStart("log-1")]);
    const line = JSON.stringify({ level: "error", time: "2026-11-21T19:45:05.449Z", msg: "dead letter", deadLetter: letters[0] });
    const short = JSON.stringify({ level: "error", msg: "callback not delivered", deadLetter: "log", reason: "delivery_failed" });
    const lines = [
      line,
      `2026-11-21T19:45:05Z c-64a1b2c3-d4e5f6 [error] ${line}`,
      `    fc tencent-live │ ${line}`,
      JSON.stringify({ __time__: 1795290305, __topic__: "", __source__: "fc", message: `2026-11-21T19:45:05Z c-123 [error] ${line}` }),
      `2026-11-21T19:45:05.449000+00:00 2026/11/21/[$LATEST]0123456789abcdef ${line}`,
      `${line} trailing words from a collector`,
      `${line}\r`,
      `    fc tencent-live │ ${line.slice(0, 200)}… (--verbose for all)`,
      short,
      "not json at all",
      "{ broken",
      "",
    ];
    const file = join(tempDir("letters-"), "export.log");
    writeFileSync(file, lines.join("\n"));
    const listing = await logLetters(file).list();
    expect(listing.letters.map((l) => l.id)).toEqual(["log:1", "log:2", "log:3", "log:4", "log:5", "log:6", "log:7"]);
    for (const { letter } of listing.letters) expect(letter).toEqual(letters[0]);
    expect(listing.unreadable).toBe(1);
  });
});

/** npm run replay as an operator runs it: from another folder, with only what its .env and the defaults give. */
function cli(cwd: string, args: readonly string[], extra: Env = {}): Promise<{ code: number; out: string; err: string }> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(TENCENT_|SUD_|YUANJING_|REDIS_|FORWARD_|DEDUPE_|DEAD_LETTER_|FC_|AWS_LAMBDA)/.test(name)) env[name] = value;
  }
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) env[name] = value;
  return new Promise((resolve) => {
    execFile(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "scripts/replay.ts"), ...args], { cwd, env }, (error, out, err) =>
      resolve({ code: error ? Number(error.code) : 0, out, err }),
    );
  });
}

describe("npm run replay resolves settings as npm run send does: development defaults < .env < environment", () => {
  it("replays letters written with the development credentials and a key from .env, from another folder", async () => {
    const dir = tempDir("replay-cwd-");
    writeFileSync(join(dir, ".env"), `# the functions' key\nDEAD_LETTER_KEY=${LETTER_KEY}\nTENCENT_SDK_APP_ID=\n`);
    const written: Env = { ...DEV_CREDENTIALS, DEAD_LETTER_KEY: LETTER_KEY, FC_FUNCTION_NAME: "tencent-live" };
    const dev = { token: DEV_CREDENTIALS.TENCENT_CALLBACK_TOKEN, appId: DEV_CREDENTIALS.TENCENT_SDK_APP_ID };
    const tencent = await lettersFrom("tencent-live", written, [battleStart("cli-dev-1", dev)]);
    const yuanjing = await lettersFrom("yuanjing-session-lifecycle", { ...written, FC_FUNCTION_NAME: "fc-dg-common-cg" }, [
      invocation(fixtureText("yuanjing", "session-lifecycle"), Date.now()),
    ]);
    const all = [...tencent.letters, ...yuanjing.letters];
    expect(all).toHaveLength(2);
    const file = join(dir, "fn.log");
    const asLine = (letter: DeadLetter) => JSON.stringify({ level: "error", msg: "dead letter", deadLetter: letter });
    writeFileSync(file, [...all.map((l) => `2026-11-21T19:45:05Z c-1 [error] ${asLine(l)}`), `${asLine(all[0]!).slice(0, 150)}…`].join("\n"));

    const run = await cli(dir, ["--all", "--from-log", file]);
    expect(run.err).not.toMatch(/misconfigured/);
    expect(run.out).toContain("replayed 2: delivered 2");
    expect(run.out).toContain("1 line(s) mention a dead letter but could not be read");
    expect(run.code).toBe(0);
  }, 60_000);

  it("never checks letters with the public development key beside real platform secrets: without DEAD_LETTER_KEY it exits 2", async () => {
    const dir = tempDir("replay-cwd-");
    // A letter forged by someone who knows the development key, for a function run with real secrets.
    const real: Env = { ...ENV.tencent, DEAD_LETTER_KEY: DEV_CREDENTIALS.DEAD_LETTER_KEY, FC_FUNCTION_NAME: "tencent-live" };
    const { letters } = await lettersFrom("tencent-live", real, [battleStart("dev-key-forged")]);
    const file = join(dir, "fn.log");
    writeFileSync(file, JSON.stringify({ level: "error", msg: "dead letter", deadLetter: letters[0] }));

    const run = await cli(dir, ["--all", "--from-log", file], { TENCENT_SDK_APP_ID: ENV.tencent.TENCENT_SDK_APP_ID, TENCENT_CALLBACK_TOKEN: TENCENT_TOKEN });
    expect(run.code).toBe(2);
    expect(run.err.trim().split("\n")).toEqual([expect.stringMatching(/^replay: DEAD_LETTER_KEY is not set/)]);
    expect(run.out).toContain("the development DEAD_LETTER_KEY is not used beside real platform secrets");
    expect(run.out).not.toContain("replayed");

    // With --insecure, a letter that carries a MAC still cannot pass unchecked.
    const insecure = await cli(dir, ["--all", "--from-log", file, "--insecure"], { TENCENT_SDK_APP_ID: ENV.tencent.TENCENT_SDK_APP_ID, TENCENT_CALLBACK_TOKEN: TENCENT_TOKEN });
    expect(insecure.out).toContain("log:1  refused  it carries a MAC, and DEAD_LETTER_KEY is not set to check it");
    expect(insecure.code).toBe(1);
  }, 60_000);

  it("exits 2 with a one-line reason and replays nothing when a function's configuration is invalid", async () => {
    const dir = tempDir("replay-cwd-");
    const written: Env = { ...DEV_CREDENTIALS, DEAD_LETTER_KEY: LETTER_KEY };
    const { letters } = await lettersFrom("yuanjing-session-lifecycle", written, [invocation(fixtureText("yuanjing", "session-lifecycle"), Date.now())]);
    const file = join(dir, "fn.log");
    writeFileSync(file, JSON.stringify({ level: "error", msg: "dead letter", deadLetter: letters[0] }));

    const run = await cli(dir, ["--all", "--from-log", file], { DEAD_LETTER_KEY: LETTER_KEY, YUANJING_SIGN_MAX_AGE_S: "soon" });
    expect(run.code).toBe(2);
    expect(run.err.trim().split("\n")).toEqual([expect.stringMatching(/yuanjing-session-lifecycle is misconfigured: YUANJING_SIGN_MAX_AGE_S must be/)]);
    expect(run.out).not.toContain("replayed");
  }, 60_000);
});
