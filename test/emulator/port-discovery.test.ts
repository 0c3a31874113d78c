// `npm run send` and `npm run invoke` find the emulator on whatever port `npm start` chose: it writes its
// address to a state file (EMULATOR_STATE, default .emulator/state.json) that they read; --port too.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_CREDENTIALS } from "../../scripts/dev-credentials";
import { until } from "../helpers/until";
import { ensureBuilt, ROOT } from "./support";
import { tempDir } from "../helpers/temp";

const dir = tempDir("emulator-state-");
const STATE = join(dir, "state.json");

function start(script: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...DEV_CREDENTIALS, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function run(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = start(script, args, env);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c: Buffer) => (stdout += c));
  child.stderr!.on("data", (c: Buffer) => (stderr += c));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

let emulator: ChildProcess;
let stdout = "";
let url = "";
beforeAll(async () => {
  ensureBuilt();
  emulator = start("scripts/emulator/main.ts", ["--port", "0", "--no-watch"], { EMULATOR_STATE: STATE });
  emulator.stdout!.on("data", (c: Buffer) => (stdout += c));
  await until("the start-up banner", () => /Try, in another terminal/.test(stdout), 30_000);
  url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!;
});
afterAll(() => {
  emulator?.kill("SIGINT");
});

describe("finding the emulator", () => {
  it("prints the inspector page's address first, and writes its address to the state file", () => {
    expect(stdout.split("\n")[0]).toBe(`Inspector: ${url}/  (open it in a browser: every callback as it arrives)`);
    expect(JSON.parse(readFileSync(STATE, "utf8"))).toMatchObject({ url, pid: emulator.pid });
  });

  it("is what npm run send and npm run invoke --local reach, with no port given", async () => {
    const sent = await run("scripts/send.ts", ["sud-unknown"], { EMULATOR_STATE: STATE });
    expect(sent.stdout).toContain(`→ POST ${url}/fc/sud-notify`);
    expect(sent.code).toBe(0);
    const invoked = await run("scripts/invoke.ts", ["yuanjing-session-lifecycle", "--local"], { EMULATOR_STATE: STATE });
    expect(invoked.stdout).toContain("✔ accepted");
    expect(invoked.code).toBe(0);
  });

  it("is reached with --port as well", async () => {
    const port = new URL(url).port;
    const sent = await run("scripts/send.ts", ["sud-unknown", "--port", port], { EMULATOR_STATE: join(dir, "none.json") });
    expect(sent.stdout).toContain(`→ POST ${url}/fc/sud-notify`);
    expect(sent.code).toBe(0);
  });

  it("when nothing answers, the hint says how to start it or name its port", async () => {
    const none = await run("scripts/send.ts", ["sud-unknown"], { EMULATOR_STATE: join(dir, "none.json"), PORT: "9" });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("npm start");
    expect(none.stderr).toContain("--port");

    // A state file left by an emulator that is gone (a process that has exited).
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => gone.on("close", resolve));
    const stale = join(dir, "stale.json");
    writeFileSync(stale, JSON.stringify({ url: "http://127.0.0.1:9", pid: gone.pid }));
    const result = await run("scripts/invoke.ts", ["yuanjing-session-lifecycle", "--local"], { EMULATOR_STATE: stale });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no longer running/);
    expect(result.stderr).toContain("npm start");
  });

  it("removes the state file when it stops", async () => {
    const exited = new Promise((resolve) => emulator.on("close", resolve));
    emulator.kill("SIGINT");
    await exited;
    expect(existsSync(STATE)).toBe(false);
  });
});
