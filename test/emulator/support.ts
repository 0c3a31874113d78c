/**
 * Shared by the emulator tests: the project root, built bundles, an in-process emulator on a free
 * port whose log lines are kept, and a throw-away project with probe functions for event-shape tests.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEV_CREDENTIALS } from "../../scripts/dev-credentials";
import { type Emulator, type EmulatorOptions, startEmulator } from "../../scripts/emulator/index";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** `npm test` builds first; a lone `vitest run test/emulator` builds here if a bundle is missing. */
export function ensureBuilt(): void {
  const missing = readdirSync(join(ROOT, "functions")).some((fn) => !existsSync(join(ROOT, "dist", fn, "index.js")));
  if (missing) execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "ignore" });
}

/** The emulator's configuration in tests: the development defaults, nothing from a local .env. */
export const TEST_ENV: Readonly<Record<string, string>> = { ...DEV_CREDENTIALS };

export interface TestEmulator extends Emulator {
  readonly lines: string[];
}

/** An emulator on a free loopback port; its one-line-per-callback log is collected in `lines`. */
export async function emulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const lines: string[] = [];
  const started = await startEmulator({ port: 0, root: ROOT, env: TEST_ENV, log: (line) => lines.push(line), ...options });
  return Object.assign(started, { lines });
}

/**
 * Waits until a log line matching `pattern` shows (a request's line follows its answer by a tick; a function's
 * own lines come through a pipe). The deadline only bounds a failure: it is generous for a loaded machine.
 */
export async function logLine(em: TestEmulator, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = em.lines.find((l) => pattern.test(l));
    if (found) return found;
    if (Date.now() > until) throw new Error(`no log line matches ${pattern}; lines:\n${em.lines.join("\n")}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * A throw-away project root with its own s.yaml, serverless.yml and two probe functions whose
 * answer reports what they were given: the event, the context, their own env and module state.
 * Their timeout is 1 s unless `timeoutS` says otherwise.
 */
export function probeProject(options: { timeoutS?: number } = {}): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), "emulator-probe-"));
  for (const fn of ["probe-a", "probe-b"]) {
    mkdirSync(join(root, "dist", fn), { recursive: true });
    writeFileSync(join(root, "dist", fn, "index.js"), PROBE_SOURCE);
  }
  const timeout = (yaml: string) => yaml.replace(/^( +)timeout: 1$/gm, `$1timeout: ${options.timeoutS ?? 1}`);
  writeFileSync(join(root, "s.yaml"), timeout(PROBE_S_YAML));
  writeFileSync(join(root, "serverless.yml"), timeout(PROBE_SERVERLESS_YML));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Echoes everything. `?say=text` first writes the text to stderr (`?say=headers`: the headers as JSON), so a
 * test can wait for the function to have started; `?until=file` then waits until that file exists, so a test
 * decides when the function finishes; `?sleep=ms` waits; `?throw=1` throws (`?throw=text`: with that message);
 * `?raw=1` returns a plain object (not HTTP-shaped).
 */
export const PROBE_SOURCE = `
"use strict";
let calls = 0;
exports.handler = async (event, context) => {
  calls += 1;
  const isBuffer = Buffer.isBuffer(event);
  let parsed = event;
  if (isBuffer) { try { parsed = JSON.parse(event.toString("utf8")); } catch { parsed = event.toString("utf8"); } }
  const query = (parsed && (parsed.queryParameters || parsed.queryStringParameters)) || {};
  if (query.say) console.error(query.say === "headers" ? JSON.stringify(parsed.headers) : query.say);
  while (query.until && !require("node:fs").existsSync(query.until)) await new Promise((r) => setTimeout(r, 5));
  if (query.sleep) await new Promise((r) => setTimeout(r, Number(query.sleep)));
  if (query.throw) throw new TypeError(query.throw === "1" ? "probe was asked to throw" : query.throw);
  globalThis.__probeTouched = globalThis.__probeTouched || process.env.PROBE_NAME;
  const report = {
    isBuffer,
    event: parsed,
    context: { ...context, logger: undefined, getRemainingTimeInMillis: typeof context.getRemainingTimeInMillis === "function" ? context.getRemainingTimeInMillis() : undefined },
    env: { PROBE_NAME: process.env.PROBE_NAME, PROBE_SECRET: process.env.PROBE_SECRET, HOME: process.env.HOME, FC_FUNCTION_NAME: process.env.FC_FUNCTION_NAME, AWS_LAMBDA_FUNCTION_NAME: process.env.AWS_LAMBDA_FUNCTION_NAME },
    calls,
    touchedBy: globalThis.__probeTouched,
    version: "v1",
  };
  if (query.raw || (isBuffer && !(parsed && parsed.version === "v1"))) return report;
  return { statusCode: 200, headers: { "content-type": "application/json", "x-probe": "yes" }, body: JSON.stringify(report), isBase64Encoded: false };
};
`;

const PROBE_S_YAML = `
edition: 3.0.0
name: probe
vars:
  region: cn-shanghai
resources:
  probe-a:
    component: fc3
    props:
      region: \${vars.region}
      functionName: probe-a-fn
      runtime: nodejs20
      code: ./dist/probe-a
      handler: index.handler
      memorySize: 128
      timeout: 1
      environmentVariables:
        PROBE_NAME: a
        PROBE_SECRET: \${env('PROBE_SECRET', '')}
      triggers:
        - triggerName: http
          triggerType: http
          triggerConfig: { authType: anonymous, methods: [GET, POST] }
  probe-b:
    component: fc3
    props:
      region: \${vars.region}
      functionName: probe-b
      runtime: nodejs20
      code: ./dist/probe-b
      handler: index.handler
      memorySize: 128
      timeout: 1
      environmentVariables:
        PROBE_NAME: b
      triggers:
        - triggerName: http
          triggerType: http
          triggerConfig: { authType: anonymous, methods: [POST] }
  probe-c:
    component: fc3
    props:
      region: \${vars.region}
      functionName: probe-c
      runtime: nodejs20
      code: ./dist/probe-a
      handler: index.handler
      memorySize: 128
      timeout: 1
`;

const PROBE_SERVERLESS_YML = `
service: probe
frameworkVersion: ">=3"
provider:
  name: aws
  runtime: nodejs20.x
  region: \${opt:region, 'eu-west-1'}
  timeout: 1
  environment:
    PROBE_SECRET: \${env:PROBE_SECRET, 'none'}
functions:
  probe-a:
    handler: dist/probe-a/index.handler
    environment:
      PROBE_NAME: aws-a
    events:
      - httpApi: POST /probe
      - httpApi:
          method: GET
          path: /items/{id}
`;
