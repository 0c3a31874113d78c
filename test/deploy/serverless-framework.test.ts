// serverless.yml through the real Serverless Framework v3 (node_modules/.bin/serverless), offline:
// `serverless print` validates the file (configValidationMode: error) and resolves its variables;
// `serverless package` builds the per-function zips and the CloudFormation template checked here.
import { execFile } from "node:child_process";
import { platformOf } from "../helpers/functions";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../emulator/support";
import { loadAwsFunctions } from "../../scripts/emulator/manifest/serverless-yml";
import { configurationNames, declarationProblems, documentedNames, REDRIVE_FUNCTION } from "./configuration-names";
import { zipEntries } from "./zip-entries";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "node_modules", ".bin", "serverless");
const FUNCTIONS = readdirSync(join(ROOT, "functions")).sort();
/** The functions that receive callbacks over HTTP: all but the redrive, which a schedule runs. */
const CALLBACK_FUNCTIONS = FUNCTIONS.filter((fn) => fn !== REDRIVE_FUNCTION);
const work = mkdtempSync(join(tmpdir(), "sls-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CONFIG = {
  TENCENT_SDK_APP_ID: "1400000001",
  TENCENT_CALLBACK_TOKEN: "sls-test-token",
  SUD_APP_ID: "1461564080052506636",
  SUD_APP_SECRET: "sls-test-sud-secret",
  YUANJING_APP_SECRET: "sls-test-top-secret",
  REDIS_URL: "redis://cache.example.internal:6379",
  // A CloudFormation dynamic reference: the Framework passes it through, CloudFormation resolves it.
  FORWARD_SECRET: "{{resolve:secretsmanager:platform-callbacks/prod:SecretString:FORWARD_SECRET}}",
};

/**
 * The framework's home: its own, so nothing of the user's ~/.aws or ~/.serverlessrc is read, and kept
 * under node_modules/.cache because the framework caches its compiled schema validator there (the
 * first run takes a few seconds longer).
 */
const HOME = join(ROOT, "node_modules", ".cache", "serverless-home");

/**
 * The framework offline and unattended: no telemetry, notifications, update checks or prompts
 * (no stdin), and dummy AWS credentials it never uses for print/package.
 */
function serverless(args: string[], cwd = ROOT, config: Record<string, string> = CONFIG): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? "",
    HOME,
    CI: "1",
    SLS_TELEMETRY_DISABLED: "1",
    SLS_TRACKING_DISABLED: "1",
    SLS_NOTIFICATIONS_MODE: "off",
    SLS_DEPRECATION_DISABLE: "*",
    SLS_INTERACTIVE_SETUP_DISABLE: "1",
    AWS_ACCESS_KEY_ID: "AKIAEXAMPLEEXAMPLE00",
    AWS_SECRET_ACCESS_KEY: "example-secret-not-used",
    AWS_REGION: "ap-southeast-1",
    ...config,
  };
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd, env, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

type Result = Awaited<ReturnType<typeof serverless>>;
const out = join(work, "package");
let printed: Result;
let brokenPrinted: Result;
let packaged: Result;
let missingPrinted: Result;
/** The configuration without one required id. */
const { SUD_APP_SECRET: _omitted, ...WITHOUT_SUD_SECRET } = CONFIG;

/** A copy of serverless.yml with a key the framework's schema does not know. */
function brokenConfigDir(): string {
  const broken = parse(readFileSync(join(ROOT, "serverless.yml"), "utf8"));
  broken.provider.memorySizeTypo = 256;
  const dir = mkdtempSync(join(work, "broken-"));
  writeFileSync(join(dir, "serverless.yml"), JSON.stringify(broken));
  copyFileSync(join(ROOT, "package.json"), join(dir, "package.json"));
  return dir;
}

// The three framework runs are independent: run them at once (each starts the framework, ~2-3 s).
beforeAll(async () => {
  ensureBuilt();
  [printed, brokenPrinted, packaged, missingPrinted] = await Promise.all([
    serverless(["print", "--format", "json", "--stage", "prod"]),
    serverless(["print"], brokenConfigDir()),
    serverless(["package", "--stage", "prod", "--package", out]),
    serverless(["print", "--format", "json"], ROOT, WITHOUT_SUD_SECRET),
  ]);
}, 120_000);

describe("serverless print", () => {
  it("validates serverless.yml in error mode and resolves ${env:...} from the deployer's environment", () => {
    const result = printed;
    expect(result.code, result.stderr).toBe(0);
    const config = JSON.parse(result.stdout);
    expect(config).toMatchObject({ configValidationMode: "error", frameworkVersion: ">=3", provider: { name: "aws", runtime: "nodejs20.x", stage: "prod" } });
    expect(config.package.individually).toBe(true);
    expect(Object.keys(config.functions).sort()).toEqual(FUNCTIONS);
    expect(config.functions["tencent-live"].environment).toEqual({
      TENCENT_SDK_APP_ID: "1400000001",
      TENCENT_CALLBACK_TOKEN: "sls-test-token",
      TENCENT_GIFT_CHECK_DEFAULT: "",
      TENCENT_MESSAGE_CHECK_DEFAULT: "",
    });
    expect(config.provider.environment).toMatchObject({ REDIS_URL: CONFIG.REDIS_URL, FORWARD_URL: "" });
  });

  it("expands the shared settings (anchors, << merge keys) into every function", () => {
    const config = JSON.parse(printed.stdout);
    for (const fn of FUNCTIONS.filter((f) => platformOf(f) === "tencent-live")) {
      expect(config.functions[fn]).toMatchObject({ timeout: 3, environment: { TENCENT_SDK_APP_ID: "1400000001" } });
    }
    for (const fn of FUNCTIONS.filter((f) => platformOf(f) === "sud")) {
      expect(config.functions[fn].environment).toMatchObject({ SUD_APP_SECRET: CONFIG.SUD_APP_SECRET, SUD_MAX_SIGNATURE_AGE_S: "" });
    }
    expect(config.provider.environment).toMatchObject({ DEAD_LETTER_KEY: "" });
    expect(config.functions["yuanjing-session-lifecycle"].environment).toMatchObject({ YUANJING_ALLOW_UNSIGNED_HTTP: "" });
    // The redrive alone gets every platform's settings, and its own.
    expect(config.functions[REDRIVE_FUNCTION].environment).toMatchObject({
      TENCENT_SDK_APP_ID: "1400000001",
      SUD_APP_SECRET: CONFIG.SUD_APP_SECRET,
      YUANJING_APP_SECRET: CONFIG.YUANJING_APP_SECRET,
      YUANJING_FC_GROUP: "fc-dg-common",
      REDRIVE_MAX_ATTEMPTS: "",
    });
    expect(config.functions[REDRIVE_FUNCTION].events).toEqual([{ schedule: { rate: ["rate(5 minutes)"], enabled: true } }]);
  });

  it("stops, naming the variable, when a required one is unset; the emulator stops likewise", () => {
    expect(missingPrinted.code).not.toBe(0);
    expect(missingPrinted.stdout + missingPrinted.stderr).toMatch(/Cannot resolve variable at "functions\.sud-notify\.environment\.SUD_APP_SECRET"/);
    expect(() => loadAwsFunctions(ROOT, WITHOUT_SUD_SECRET)).toThrow(/env:SUD_APP_SECRET/);
  });

  it("rejects a configuration the framework's schema does not allow", () => {
    const result = brokenPrinted;
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/memorySizeTypo/);
  });
});

describe("serverless package", () => {
  let template: { Resources: Record<string, { Type: string; Properties: any }> };
  beforeAll(() => {
    expect(packaged.code, packaged.stdout + packaged.stderr).toBe(0);
    template = JSON.parse(readFileSync(join(out, "cloudformation-template-update-stack.json"), "utf8"));
  });

  const ofType = (type: string) =>
    Object.values(template.Resources)
      .filter((r) => r.Type === type)
      .map((r) => r.Properties);

  it("creates one Node.js 20 Lambda per function, its handler in its own bundle, with its own configuration", () => {
    const lambdas = ofType("AWS::Lambda::Function");
    expect(lambdas.map((l) => l.FunctionName).sort()).toEqual(FUNCTIONS.map((fn) => `platform-callbacks-prod-${fn}`));
    for (const fn of FUNCTIONS) {
      const lambda = lambdas.find((l) => l.FunctionName === `platform-callbacks-prod-${fn}`);
      expect(lambda).toMatchObject({ Handler: `dist/${fn}/index.handler`, Runtime: "nodejs20.x" });
      const vars = lambda.Environment.Variables;
      if (platformOf(fn) === "tencent-live") {
        expect(vars).toMatchObject({ TENCENT_SDK_APP_ID: "1400000001", TENCENT_CALLBACK_TOKEN: "sls-test-token" });
        expect(lambda.Timeout).toBeLessThanOrEqual(3);
      }
      if (platformOf(fn) === "sud") expect(vars).toMatchObject({ SUD_APP_ID: CONFIG.SUD_APP_ID, SUD_APP_SECRET: CONFIG.SUD_APP_SECRET });
      if (platformOf(fn) === "yuanjing") expect(vars).toMatchObject({ YUANJING_APP_SECRET: CONFIG.YUANJING_APP_SECRET, YUANJING_FC_GROUP: "fc-dg-common", YUANJING_FC_NAME: "cg" });
      expect(vars.REDIS_URL).toBe(CONFIG.REDIS_URL);
      // The template, uploaded to the deployment bucket, holds the reference and never the secret.
      expect(vars.FORWARD_SECRET).toBe(CONFIG.FORWARD_SECRET);
      // Every variable the code reads, never another platform's secrets, and each documented.
      expect(declarationProblems(fn, Object.keys(vars), configurationNames(ROOT), documentedNames(ROOT))).toEqual([]);
    }
  });

  it("runs the redrive on an enabled EventBridge schedule, every five minutes, allowed to invoke it", () => {
    const rules = ofType("AWS::Events::Rule");
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ ScheduleExpression: "rate(5 minutes)", State: "ENABLED" });
    const [logicalId] = Object.entries(template.Resources).find(([, r]) => r.Type === "AWS::Lambda::Function" && r.Properties.FunctionName.endsWith(REDRIVE_FUNCTION))!;
    expect(JSON.stringify(rules[0].Targets)).toContain(logicalId);
    const permissions = ofType("AWS::Lambda::Permission").filter((p) => p.Principal === "events.amazonaws.com");
    expect(permissions).toHaveLength(1);
    expect(JSON.stringify(permissions[0].FunctionName)).toContain(logicalId);
    const lambda = ofType("AWS::Lambda::Function").find((l) => l.FunctionName.endsWith(REDRIVE_FUNCTION));
    expect(lambda).toMatchObject({ Timeout: 60, Handler: `dist/${REDRIVE_FUNCTION}/index.handler` });
  });

  it("routes POST /<function> on one HTTP API with payload 2.0", () => {
    const routes = ofType("AWS::ApiGatewayV2::Route")
      .map((r) => r.RouteKey)
      .sort();
    // sud-app-server takes every interface under its prefix: the last segment names it.
    const route = (fn: string) => (fn === "sud-app-server" ? "POST /sud-app-server/{interface}" : `POST /${fn}`);
    expect(routes).toEqual([...CALLBACK_FUNCTIONS.map(route), "GET /yuanjing-session-lifecycle"].sort());
    for (const integration of ofType("AWS::ApiGatewayV2::Integration")) expect(integration).toMatchObject({ IntegrationType: "AWS_PROXY", PayloadFormatVersion: "2.0" });
  });

  it.each(FUNCTIONS)("packages %s from its own dist folder and nothing else", (fn) => {
    const entries = zipEntries(join(out, `${fn}.zip`));
    // The entry, the bundle it requires, the package.json that makes the folder CommonJS, and the chunks.
    for (const file of ["index.js", "main.js", "package.json", "redis.js", "zod.js", "forward.js", "answer.js", "seal.js"]) expect(entries).toContain(`dist/${fn}/${file}`);
    expect(entries.every((e) => e.startsWith(`dist/${fn}/`))).toBe(true);
  });
});
