/**
 * npm run invoke -- <function> [payload | @file] [--local] [--url URL] [--service S] [--function-name F] [--qualifier Q] [--async]
 * Calls a function the way 元镜 does: a direct invocation through FC's InvokeFunction API, signed by
 * @alicloud/fc2. The account, AccessKey pair and region come from the environment (or .env); --local
 * points the client at the emulator and signs with the emulator's development key instead.
 */
import { existsSync, readFileSync } from "node:fs";
import { portNumber, readCommandLine, UsageError, usageFailure } from "./cli/command-line";
import { resolveSettings } from "./dev-credentials";
import { parseDotenv } from "./emulator/dotenv";
import { terminalSafe, terminalSafeLines } from "./emulator/terminal-safe";
import { loadFcFunctions } from "./emulator/manifest/s-yaml";
import { invokeViaFc } from "./invoke/fc-invoke";
import { buildCallback } from "./send/build";
import { findEmulator } from "./emulator/state-file";

const CREDENTIALS = ["ALIBABA_CLOUD_ACCOUNT_ID", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_REGION"] as const;

const USAGE = `usage: npm run invoke -- <function> [payload | @file] [options]

Calls a function as 元镜 does: a direct invocation through FC's InvokeFunction API, signed by @alicloud/fc2.

options:
  --local              call the emulator (signed with its development key) instead of your FC account
  --port N             the emulator's port (default: the one npm start wrote to .emulator/state.json, else 9000)
  --url URL            another endpoint for the FC API
  --service S          the FC 2.0 service (default: the 元镜 fc_group, else "default")
  --function-name F    the FC function name (default: the 元镜 fc_name, else the function's FC name)
  --qualifier Q        a version or alias
  --async              an asynchronous invocation
  --help               this text`;

async function main(): Promise<number> {
  const { values, positionals } = readCommandLine(
    process.argv.slice(2),
    {
      local: { type: "boolean", default: false },
      port: { type: "string" },
      url: { type: "string" },
      service: { type: "string" },
      "function-name": { type: "string" },
      qualifier: { type: "string" },
      async: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    true,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [fn, payloadArg] = positionals;
  if (!fn) throw new UsageError("name the function to invoke");
  if (positionals.length > 2) throw new UsageError(`unexpected argument ${positionals[2]}`);
  const emulator = findEmulator({ port: values.port === undefined ? undefined : portNumber(values.port), env: process.env, cwd: process.cwd() });
  // --local signs with the emulator's printed development key; the cloud only with the user's own.
  const env = values.local ? resolveSettings().env : { ...dotenv(), ...definedOnly(process.env) };
  const missing = CREDENTIALS.filter((name) => !env[name]);
  if (missing.length) {
    console.error(`✘ set ${missing.join(", ")} (environment or .env), or add --local to call the emulator`);
    return 2;
  }
  const target = targetOf(fn, env);
  const payload = payloadArg === undefined ? defaultPayload(fn, env, target) : payloadArg.startsWith("@") ? readFileSync(payloadArg.slice(1), "utf8") : payloadArg;
  const endpoint = values.local ? (values.url ?? emulator.base) : values.url;
  const service = values.service ?? target.service;
  const functionName = values["function-name"] ?? target.functionName;

  console.log(
    `→ InvokeFunction ${service}/${functionName}${values.qualifier ? `.${values.qualifier}` : ""} at ${endpoint ?? `${env.ALIBABA_CLOUD_ACCOUNT_ID}.${env.ALIBABA_CLOUD_REGION}.fc.aliyuncs.com`}`,
  );
  console.log(`  ${terminalSafe(payload)}`);
  try {
    const result = await invokeViaFc({
      endpoint,
      accountId: env.ALIBABA_CLOUD_ACCOUNT_ID!,
      accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID!,
      accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET!,
      securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN,
      region: env.ALIBABA_CLOUD_REGION!,
      service,
      functionName,
      payload,
      qualifier: values.qualifier,
      async: values.async,
    });
    if (values.async) {
      console.log(`← accepted for asynchronous invocation (request ${result.requestId})`);
      return 0;
    }
    console.log(`← ${terminalSafe(result.body)}   (request ${terminalSafe(String(result.requestId))})`);
    console.log(result.verdict.accepted ? "✔ accepted" : `✘ ${result.verdict.kind}: ${terminalSafe(result.verdict.detail)}`);
    return result.verdict.accepted ? 0 : 1;
  } catch (error) {
    const unreachable =
      values.local && !values.url && /ECONNREFUSED|fetch failed|socket hang up|ETIMEDOUT/.test(String((error as Error).message) + String((error as { code?: string }).code));
    console.error(`✘ ${terminalSafeLines((error as Error).message)}${unreachable ? `\n  ${terminalSafe(emulator.hint)}` : ""}`);
    return 2;
  }
}

/** 元镜 calls its function as the fc_group / fc_name pair; any other function by its FC name. */
function targetOf(fn: string, env: Record<string, string | undefined>): { service: string; functionName: string } {
  // Only names are read here (the 元镜 pair, FC names): configuration the deploy needs may be unset.
  const spec = existsSync("s.yaml") ? loadFcFunctions(process.cwd(), env, { unset: "empty" }).find((s) => s.key === fn || s.name === fn) : undefined;
  const group = spec?.env.YUANJING_FC_GROUP;
  const name = spec?.env.YUANJING_FC_NAME;
  if (group && name) return { service: group, functionName: name };
  return { service: "default", functionName: spec?.name ?? fn };
}

/** For the 元镜 function, a session lifecycle request naming the pair it calls; for others an empty object. */
function defaultPayload(fn: string, env: Record<string, string | undefined>, target: { service: string; functionName: string }): string {
  if (!fn.startsWith("yuanjing")) return "{}";
  const settings = { ...env, YUANJING_FC_GROUP: target.service, YUANJING_FC_NAME: target.functionName, YUANJING_APP_SECRET: "" };
  return buildCallback("yuanjing-session-lifecycle", { settings }).request.body;
}

function dotenv(): Record<string, string> {
  return existsSync(".env") ? Object.fromEntries(Object.entries(parseDotenv(readFileSync(".env", "utf8"))).filter(([, v]) => v !== "")) : {};
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => !!e[1]));
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    if (usageFailure(error, "npm run invoke", USAGE) === undefined) console.error(`✘ ${terminalSafeLines(error.message)}`);
    process.exitCode = 2;
  },
);
