// Every command a user types answers --help with its usage, and a wrong option with one line saying
// what is wrong followed by that usage: exit 2, never a stack trace.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { DEV_CREDENTIALS } from "../../scripts/dev-credentials";
import { ROOT } from "./support";

const COMMANDS = {
  start: "scripts/emulator/main.ts",
  send: "scripts/send.ts",
  invoke: "scripts/invoke.ts",
  replay: "scripts/replay.ts",
  bench: "bench/main.ts",
} as const;

/** Options each command takes but given wrong: a value that is not one, or no value at all. */
const MALFORMED: Record<keyof typeof COMMANDS, { args: string[]; reason: RegExp }> = {
  start: { args: ["--port", "ninety"], reason: /--port .*port number/ },
  send: { args: ["tencent-live-battle-end", "--port"], reason: /--port .*value/ },
  invoke: { args: ["yuanjing-session-lifecycle", "--local", "--port", "70000"], reason: /--port .*port number/ },
  replay: { args: ["--list", "--function"], reason: /--function .*value/ },
  bench: { args: ["extra-argument"], reason: /unexpected argument extra-argument/ },
};

function run(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...DEV_CREDENTIALS, NO_COLOR: "1", EMULATOR_URL: "http://127.0.0.1:9" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c));
  child.stderr.on("data", (c: Buffer) => (stderr += c));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

const STACK = /^\s+at .+(:\d+:\d+\)?|\(node:)/m;

describe.each(Object.entries(COMMANDS) as [keyof typeof COMMANDS, string][])("npm run %s", (name, script) => {
  it("answers --help with its usage on stdout, exit 0", async () => {
    const result = await run(script, ["--help"]);
    expect(result.stdout).toMatch(new RegExp(`^usage: npm (run )?${name}`, "m"));
    expect(result.code).toBe(0);
  });

  it("answers an unknown option with one line naming it, then its usage, exit 2", async () => {
    const result = await run(script, ["--no-such-option"]);
    const [first, ...rest] = result.stderr.trimEnd().split("\n");
    expect(first).toMatch(/unknown option --no-such-option/);
    expect(rest.join("\n")).toMatch(new RegExp(`usage: npm (run )?${name}`));
    expect(result.stderr + result.stdout).not.toMatch(STACK);
    expect(result.code).toBe(2);
  });

  it("answers a malformed option with the reason, then its usage, exit 2", async () => {
    const { args, reason } = MALFORMED[name];
    const result = await run(script, args);
    const [first, ...rest] = result.stderr.trimEnd().split("\n");
    expect(first).toMatch(reason);
    expect(rest.join("\n")).toMatch(new RegExp(`usage: npm (run )?${name}`));
    expect(result.stderr + result.stdout).not.toMatch(STACK);
    expect(result.code).toBe(2);
  });
});
