// The commands a user types: `npm start` (scripts/emulator/main.ts), `npm run send`, `npm run invoke`,
// run as real processes against an emulator on a free loopback port.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_CREDENTIALS } from "../../scripts/dev-credentials";
import { buildCallback } from "../../scripts/send/build";
import { deliverCallback } from "../../scripts/send/deliver";
import { emulator, ensureBuilt, logLine, ROOT, TEST_ENV, type TestEmulator } from "./support";
import { tempDir } from "../helpers/temp";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node --import tsx <script>`: one process, so signals reach the script itself. */
function start(script: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    // Its own state file: a developer's running emulator keeps the project's.
    env: { PATH: process.env.PATH ?? "", ...DEV_CREDENTIALS, NO_COLOR: "1", EMULATOR_STATE: join(tempDir("emulator-cli-"), "state.json"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function run(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = start(script, args, env);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c: Buffer) => (stdout += c));
  child.stderr!.on("data", (c: Buffer) => (stderr += c));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("npm run send / npm run invoke", () => {
  let em: TestEmulator;
  beforeAll(async () => {
    ensureBuilt();
    em = await emulator();
  });
  afterAll(() => em?.close());

  it("sends a signed callback to the emulator, prints the answer and exits 0 on acceptance", async () => {
    const result = await run("scripts/send.ts", ["tencent-live-battle-end"], { EMULATOR_URL: em.url });
    expect(result.stdout).toContain(`→ POST ${em.url}/fc/tencent-live-battle-end?SdkAppid=1400000000&CallbackCommand=Live.CallbackAfterEndBattle`);
    expect(result.stdout).toContain('← 200  {"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}');
    expect(result.stdout).toContain("✔ accepted");
    expect(result.code).toBe(0);
  });

  it("exits 1 when the answer is a refusal (--bad-signature), to a --url given in full", async () => {
    const result = await run("scripts/send.ts", ["sud-player-status", "--bad-signature", "--url", `${em.url}/sud-player-status`]);
    expect(result.stdout).toContain("✘ refused: signature_invalid");
    expect(result.code).toBe(1);
  });

  it("sends SUD's app-server interfaces by short name, to their own function or to sud-app-server/<interface>, and prints the answer the function gave", async () => {
    const token = await run("scripts/send.ts", ["sud-get-sstoken"], { EMULATOR_URL: em.url });
    expect(token.stdout).toContain(`→ POST ${em.url}/fc/sud-get-sstoken\n`);
    // The built bundle has no handler wired: its answer says so, and the sender shows it whole.
    expect(token.stdout).toContain('← 200  {"ret_code":1,"ret_msg":"not implemented: the app server has no handler for get_sstoken","data":{}}');
    expect(token.stdout).toContain("  answer: ret_code 1 (not implemented: the app server has no handler for get_sstoken), data {}");
    expect(token.stdout).toContain("✘ refused: not implemented");
    expect(token.code).toBe(1);
    const score = await run("scripts/send.ts", ["update_score", "--aws"], { EMULATOR_URL: em.url });
    expect(score.stdout).toContain(`→ POST ${em.url}/sud-app-server/update_score\n`);
    expect(score.stdout).toContain("not implemented: the app server has no handler for update_score");
    const report = await run("scripts/send.ts", ["sud-report-game-info", "--to", "sud-app-server"], { EMULATOR_URL: em.url });
    expect(report.stdout).toContain(`→ POST ${em.url}/fc/sud-app-server/report_game_info\n`);
    expect(report.stdout).toContain("✔ accepted");
    expect(report.code).toBe(0);
    // The emulator's line for each request names the interface it served, whether the path or the function names it.
    expect(await logLine(em, /sud-app-server +POST \/sud-app-server\/update_score /)).toMatch(/ {2}update_score {2}\(/);
    expect(await logLine(em, /sud-get-sstoken +POST \/fc\/sud-get-sstoken /)).toMatch(/ {2}get_sstoken {2}\(/);
    expect(await logLine(em, /sud-app-server +POST \/fc\/sud-app-server\/report_game_info /)).toMatch(/ {2}report_game_info {2}\(/);
    for (const out of [token, score, report]) {
      expect(out.stdout + out.stderr).not.toContain(DEV_CREDENTIALS.SUD_APP_SECRET!);
    }
  });

  it("exits 2 with the list of callbacks for an unknown one, and when nothing listens", async () => {
    const unknown = await run("scripts/send.ts", ["no-such-callback"], { EMULATOR_URL: em.url });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("tencent-live-battle-start");
    const nobody = await run("scripts/send.ts", ["sud-unknown"], { EMULATOR_URL: "http://127.0.0.1:9" });
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain("npm start");
  });

  it("invokes the 元镜 function through @alicloud/fc2 with --local", async () => {
    const result = await run("scripts/invoke.ts", ["yuanjing-session-lifecycle", "--local"], { EMULATOR_URL: em.url });
    expect(result.stdout).toContain("→ InvokeFunction fc-dg-common/cg");
    expect(result.stdout).toContain("✔ accepted");
    expect(result.code).toBe(0);
  });

  // A developer's own .env may hold real credentials: then this would call the cloud, so it is skipped.
  it.skipIf(existsSync(join(ROOT, ".env")))("refuses to call the cloud without credentials", async () => {
    const result = await run("scripts/invoke.ts", ["yuanjing-session-lifecycle"], {
      ALIBABA_CLOUD_ACCOUNT_ID: "",
      ALIBABA_CLOUD_ACCESS_KEY_ID: "",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "",
      ALIBABA_CLOUD_REGION: "",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--local");
  });
});

describe("npm start (the emulator's command)", () => {
  it("prints its URLs and development credentials, serves, and stops cleanly on Ctrl-C", async () => {
    ensureBuilt();
    const child = start("scripts/emulator/main.ts", ["--port", "0"]);
    let stdout = "";
    child.stdout!.on("data", (c: Buffer) => (stdout += c));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start-up banner:\n${stdout}`)), 15_000);
        child.stdout!.on("data", () => {
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (match && stdout.includes("Try, in another terminal")) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      expect(stdout).toContain(`TENCENT_CALLBACK_TOKEN           ${DEV_CREDENTIALS.TENCENT_CALLBACK_TOKEN}`);
      expect(stdout).toContain(`${url}/fc/tencent-live-battle-end`);
      expect(stdout).toContain(`${url}/2016-08-15/services/fc-dg-common/functions/cg/invocations`);
      expect(stdout).toContain(`${url}/tencent-live-battle-end`);

      const { request } = buildCallback("tencent-live-room-destroyed", { settings: TEST_ENV });
      const delivery = await deliverCallback(request, `${url}/fc/tencent-live-room-destroyed`);
      expect(delivery.verdict.accepted).toBe(true);
      await expect.poll(() => stdout, { timeout: 2000 }).toMatch(/tencent-live-room-destroyed .*✔ accepted/);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain("stopping the emulator");
  });

  it("--timer-every fires the timer triggers that often: the banner lists the redrive's, and each run is one line", async () => {
    const child = start("scripts/emulator/main.ts", ["--port", "0", "--timer-every", "200ms"]);
    let stdout = "";
    child.stdout!.on("data", (c: Buffer) => (stdout += c));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      // The emulator builds every function before its first timer fires: on a busy machine that takes a while.
      await expect.poll(() => stdout, { timeout: 60_000 }).toMatch(/FC⏱\s+dead-letter-redrive\s+timer redrive\s+✘ redrive run: REDIS_URL is not set/);
      expect(stdout).toMatch(/FC timer triggers \(s\.yaml\).*\n {2}dead-letter-redrive +redrive +every 200 ms \(--timer-every\)/);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  }, 90_000);

  it("--timer-every that is not an interval stops it at once, saying what it takes", async () => {
    const result = await run("scripts/emulator/main.ts", ["--port", "0", "--timer-every", "soon"]);
    // A usage error: one line saying what is wrong, then the usage, exit 2.
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--timer-every takes an interval such as 10s or 1m, not soon");
  });
});
