/**
 * The built bundles, loaded as FC and Lambda load them: `require("dist/<fn>/index.js").handler`.
 * Configuration is read at a function's first request, so set the environment before calling it;
 * `loadBundle` always returns a fresh module instance (a cold start).
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import { forgetBundle as forgetFolder } from "../../bench/fresh-instance";
import { fcHttpBuffer, type HttpCall, lambdaHttpEvent } from "./events";
import type { FunctionName } from "./functions";
import { interceptOutput } from "./log-capture";

export type BundleHandler = (event: unknown, context?: unknown) => Promise<unknown>;

export interface HttpResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly isBase64Encoded: boolean;
}

const require = createRequire(import.meta.url);

export function bundlePath(fn: FunctionName): string {
  return fileURLToPath(new URL(`../../dist/${fn}/index.js`, import.meta.url));
}

export function loadBundle(fn: FunctionName): BundleHandler {
  const path = bundlePath(fn);
  if (!existsSync(path)) throw new Error(`dist/${fn}/index.js is missing: run \`npm run build\` first`);
  forgetBundle(path);
  const loaded = require(path) as { handler?: unknown };
  if (typeof loaded.handler !== "function") throw new Error(`dist/${fn}/index.js exports no handler`);
  return loaded.handler as BundleHandler;
}

/** Drops a built entry's folder from this process's module cache, so the next require is a cold start. */
export function forgetBundle(entry: string): void {
  forgetFolder(entry, require.cache);
}

/** Sets environment variables for this test file (undefined deletes one) and restores them after it. */
export function useEnv(vars: Record<string, string | undefined>): void {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  assignEnv(vars);
  afterAll(() => assignEnv(before));
}

export function assignEnv(vars: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

/** The JSON log lines the bundle writes to stdout / stderr, captured instead of printed. */
export function captureLogs(): { lines: () => Array<Record<string, any>>; text: () => string } {
  const written: string[] = [];
  const stop = interceptOutput((text) => (written.push(text), true));
  afterAll(stop);
  const text = () => written.join("");
  return {
    text,
    lines: () =>
      text()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, any>),
  };
}

/** FC 3.0's built-in Node.js runtime context (the parts a function reads). */
export const FC_CONTEXT = { requestId: "fc-e2e-request", function: { name: "e2e", timeout: 3 } };
/** A Lambda context. */
export const LAMBDA_CONTEXT = { awsRequestId: "lambda-e2e-request", getRemainingTimeInMillis: () => 3000 };

/** The call as an FC HTTP trigger hands it over (a Buffer of the v1 JSON, body base64). */
export async function viaFc(handler: BundleHandler, call: HttpCall): Promise<HttpResult> {
  return (await handler(fcHttpBuffer(call), FC_CONTEXT)) as HttpResult;
}

/** The call as a Lambda HTTP API v2 / Function URL event. */
export async function viaLambda(handler: BundleHandler, call: HttpCall): Promise<HttpResult> {
  return (await handler(lambdaHttpEvent(call), LAMBDA_CONTEXT)) as HttpResult;
}

export const RUNTIMES = [
  ["FC HTTP trigger", viaFc],
  ["Lambda HTTP API v2", viaLambda],
] as const;
