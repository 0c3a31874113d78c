// s.yaml through the real Serverless Devs CLI (@serverless-devs/s, node_modules/.bin/s), offline:
// `s preview -o json` renders the file exactly as `s deploy` hands it to the fc3 component (anchors and
// merge keys expanded, every ${env(...)} and ${vars.*} resolved), and stops where `s deploy` would stop on
// a variable it cannot resolve. (`s verify` and `s deploy` first fetch the fc3 component from the
// registry, so they need the network; the rendered props are checked against fc3's schema in s-yaml.test.ts.)
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDevsDocument, resolvedProps } from "../../scripts/emulator/manifest/s-yaml";
import { FULL_SETTINGS as FULL, REQUIRED_SETTINGS as REQUIRED } from "./example-settings";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "node_modules", "@serverless-devs", "s", "bin", "s");
// Its own folder and home: no .env of the developer's beside the copy, no ~/.s of theirs read or written.
const work = mkdtempSync(join(tmpdir(), "s-devs-"));
copyFileSync(join(ROOT, "s.yaml"), join(work, "s.yaml"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `s preview -o json` with exactly `vars` as the environment (and what the CLI itself needs to start). */
function preview(vars: Record<string, string>): Promise<Run> {
  // A home per run: the CLI writes its run log under ~/.s, and runs at once must not share one.
  // NODE_ENV=test is the CLI's own switch that starts none of its background processes (usage report,
  // update checks), so nothing outlives the run or reaches for the network.
  const env = { PATH: process.env.PATH ?? "", HOME: mkdtempSync(join(work, "home-")), CI: "1", NODE_ENV: "test", ...vars };
  return new Promise((resolve) => {
    const options = { cwd: work, env, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 };
    const child = execFile(process.execPath, [BIN, "preview", "-o", "json"], options, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

/** The rendered document: the JSON after the CLI's own warning lines (it warns when run as root). */
function rendered(run: Run): { resources: Record<string, { component: string; props: Record<string, unknown> }> } {
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return JSON.parse(run.stdout.slice(run.stdout.search(/^\{/m)));
}

const without = (name: string) => Object.fromEntries(Object.entries(REQUIRED).filter(([key]) => key !== name));
const MISSING = Object.keys(REQUIRED);

let requiredOnly: Run;
let full: Run;
let emptied: Run;
let missing: Run[];
// The CLI runs are independent: start them at once (each takes a second or two).
beforeAll(async () => {
  const emptyOptional = Object.fromEntries(Object.keys(FULL).map((name) => [name, name in REQUIRED ? FULL[name as keyof typeof FULL] : ""]));
  [requiredOnly, full, emptied, ...missing] = await Promise.all([preview(REQUIRED), preview(FULL), preview(emptyOptional), ...MISSING.map((name) => preview(without(name)))]);
}, 120_000);

describe("s.yaml through the Serverless Devs CLI", () => {
  it("renders with only the required variables set, every optional one deployed empty", () => {
    const { resources } = rendered(requiredOnly);
    expect(Object.keys(resources).sort()).toEqual(readdirSync("functions").sort());
    const envOf = (fn: string) => resources[fn]!.props.environmentVariables as Record<string, string>;
    expect(envOf("tencent-live")).toMatchObject({
      TENCENT_SDK_APP_ID: REQUIRED.TENCENT_SDK_APP_ID,
      TENCENT_CALLBACK_TOKEN: "",
      TENCENT_GIFT_CHECK_DEFAULT: "",
      REDIS_URL: "",
      DEAD_LETTER_KEY: "",
    });
    expect(envOf("sud-app-server")).toMatchObject({ SUD_APP_SECRET: REQUIRED.SUD_APP_SECRET });
    expect(envOf("sud-notify")).toMatchObject({ SUD_APP_SECRET: REQUIRED.SUD_APP_SECRET, SUD_MAX_SIGNATURE_AGE_S: "", FORWARD_URL: "" });
    expect(envOf("yuanjing-session-lifecycle")).toMatchObject({ YUANJING_APP_SECRET: "", YUANJING_ALLOW_UNSIGNED_HTTP: "" });
  });

  it("treats an optional variable set empty as unset", () => {
    expect(rendered(emptied).resources).toEqual(rendered(requiredOnly).resources);
  });

  it("passes every variable the deployer set", () => {
    const props = (fn: string) => rendered(full).resources[fn]!.props;
    expect(props("sud-player-status").environmentVariables).toMatchObject({ SUD_MAX_SIGNATURE_AGE_S: "86400", DEAD_LETTER_KEY: FULL.DEAD_LETTER_KEY });
    expect(props("yuanjing-session-lifecycle")).toMatchObject({ functionName: "fc-dg-common-cg", timeout: 10 });
    expect(props("tencent-live-battle-end")).toMatchObject({ timeout: 3, code: "./dist/tencent-live-battle-end", handler: "index.handler" });
  });

  it("renders the redrive's timer trigger, and gives it every platform's settings and its own", () => {
    const props = rendered(full).resources["dead-letter-redrive"]!.props;
    expect(props).toMatchObject({ functionName: "dead-letter-redrive", timeout: 60, code: "./dist/dead-letter-redrive" });
    expect(props.triggers).toEqual([
      { triggerName: "redrive", triggerType: "timer", triggerConfig: { cronExpression: "@every 5m", enable: true, payload: '{"redrive":"scheduled"}' } },
    ]);
    const env = props.environmentVariables as Record<string, string>;
    for (const [name, value] of Object.entries(FULL)) expect(env[name], name).toBe(value);
    expect(env).toMatchObject({ YUANJING_FC_GROUP: "fc-dg-common", YUANJING_FC_NAME: "cg" });
  });

  it.each(MISSING.map((name, i) => [name, i] as const))("stops, naming %s, when that required variable is unset", (name, i) => {
    const run = missing[i]!;
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain(`env('${name}') not found`);
  });
});

describe("the emulator reads s.yaml as the CLI does", () => {
  const doc = readDevsDocument(ROOT);

  it.each([
    ["only the required variables", () => [requiredOnly, REQUIRED] as const],
    ["every variable", () => [full, FULL] as const],
  ])("resolves every function's props to what the CLI renders, with %s set", (_, which) => {
    const [run, vars] = which();
    const cli = Object.fromEntries(Object.entries(rendered(run).resources).map(([key, r]) => [key, r.props]));
    expect(resolvedProps(doc, vars)).toEqual(cli);
  });

  it.each(MISSING)("refuses, as the CLI does, when %s is unset", (name) => {
    expect(() => resolvedProps(doc, without(name))).toThrow(`env('${name}') not found`);
  });
});
