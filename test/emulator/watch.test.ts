// The development loop: npm start builds with esbuild's own watch, rebuilds when a source changes, and
// the next request runs the new bundle; the inspector says which build served each request.
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_CREDENTIALS } from "../../scripts/dev-credentials";
import { buildCallback } from "../../scripts/send/build";
import { deliverCallback } from "../../scripts/send/deliver";
import { call, recordOf } from "../inspector/support";
import { until } from "../helpers/until";
import { ROOT, TEST_ENV } from "./support";

const FN = "tencent-live-battle-end";
/** A copy of the project with one function, so the test edits sources without touching the real ones. */
const project = mkdtempSync(join(tmpdir(), "emulator-watch-"));
const source = join(project, "functions", FN, "index.ts");

let child: ChildProcess;
let stdout = "";
let url = "";
beforeAll(async () => {
  for (const part of ["shared", "s.yaml", "serverless.yml", "tsconfig.json", "package.json", join("functions", FN)])
    cpSync(join(ROOT, part), join(project, part), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"));
  child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "scripts/emulator/main.ts"), "--port", "0"], {
    cwd: project,
    env: { PATH: process.env.PATH ?? "", ...DEV_CREDENTIALS, NO_COLOR: "1", EMULATOR_STATE: join(project, "state.json") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (c: Buffer) => (stdout += c));
  child.stderr!.on("data", (c: Buffer) => (stdout += c));
  await until("the start-up banner", () => /Try, in another terminal/.test(stdout), 60_000);
  url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!;
});
afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.on("close", resolve));
    child.kill("SIGINT");
    await exited;
  }
  rmSync(project, { recursive: true, force: true });
});

async function send(): Promise<any> {
  const { request } = buildCallback("tencent-live-battle-end", { settings: TEST_ENV });
  const delivery = await deliverCallback(request, `${url}/fc/${FN}`);
  return recordOf({ url }, delivery.headers["x-fc-request-id"]!);
}

describe("npm start watches the sources", () => {
  it("builds before serving, and says which build served a request", async () => {
    expect(stdout).toMatch(/build #1: .*dist\/tencent-live-battle-end/);
    const first = await send();
    expect(first.build).toMatchObject({ number: 1, hash: expect.stringMatching(/^[0-9a-f]{10}$/) });
  });

  it("rebuilds when a source changes, and the next request runs the new bundle", async () => {
    const before = (await send()).build.hash;
    const edited = readFileSync(source, "utf8").replace("handlers: {", 'handlers: {\n    "Live.CallbackAfterEndBattle": async () => console.log("the rebuilt handler ran"),');
    writeFileSync(source, edited);
    await expect.poll(() => /build #2: /.test(stdout), { timeout: 30_000 }).toBe(true);
    const after = await send();
    expect(after.build.number).toBe(2);
    expect(after.build.hash).not.toBe(before);
    expect(after.lines.map((l: { text: string }) => l.text)).toContain("the rebuilt handler ran");
    // A rebuild on a busy 2-core machine can take longer than the suite's default test timeout.
  }, 60_000);

  it("keeps serving the last good bundle when a build fails, and the page says the build failed", async () => {
    writeFileSync(source, `${readFileSync(source, "utf8")}\nexport const broken = ;\n`);
    await expect.poll(() => /build #3 failed: .*index\.ts/.test(stdout), { timeout: 30_000 }).toBe(true);
    expect((await call({ url }, "/status")).json.build).toMatchObject({ number: 3, ok: false, errors: [expect.stringContaining("index.ts")] });
    const still = await send();
    expect(still.build.number).toBe(2);
    expect(still.verdict.kind).toBe("accepted");
  }, 60_000);

  /** Waits for the build after the last one printed to end with `fn` rebuilt. */
  async function nextRebuild(change: () => void): Promise<number> {
    const next = Math.max(...[...stdout.matchAll(/build #(\d+)/g)].map((m) => Number(m[1]))) + 1;
    change();
    await expect.poll(() => new RegExp(`build #${next}: rebuilt .*${FN}`).test(stdout), { timeout: 30_000 }).toBe(true);
    return next;
  }

  it("writes the parsers of a rebuilt function again, and removes the file of a schema it no longer has", async () => {
    const parsers = join(project, "dist", FN, "parsers");
    expect(readdirSync(parsers)).toEqual(["Live.CallbackAfterEndBattle.js"]);
    const original = readFileSync(join(ROOT, "functions", FN, "index.ts"), "utf8");
    await nextRebuild(() =>
      writeFileSync(source, original.replace("{ battleEnd, tencentLive }", "{ battleStart, tencentLive }").replace("callbacks: [battleEnd]", "callbacks: [battleStart]")),
    );
    expect(readdirSync(parsers)).toEqual(["Live.CallbackAfterStartBattle.js"]);
    // Back to the function as it was, for the next test.
    await nextRebuild(() => writeFileSync(source, original));
    expect(readdirSync(parsers)).toEqual(["Live.CallbackAfterEndBattle.js"]);
  }, 90_000);

  it("writes every function's parsers again when the parser writer changes, and the next request runs them", async () => {
    const writer = join(project, "shared", "core", "parser-source.ts");
    const number = await nextRebuild(() => writeFileSync(writer, readFileSync(writer, "utf8").replace("return (function(v0){let ", "return (function(v0){/* rewritten */let ")));
    expect(readFileSync(join(project, "dist", FN, "parsers", "Live.CallbackAfterEndBattle.js"), "utf8")).toContain("/* rewritten */");
    const served = await send();
    expect(served.build.number).toBe(number);
    expect(served.verdict.kind).toBe("accepted");
  }, 60_000);
});
