/**
 * The development credentials the emulator runs with when nothing else is configured, and that the
 * sender and `invoke --local` sign with. They exist to be printed and shared: never use them in the cloud.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDotenv } from "./emulator/dotenv";

export const DEV_CREDENTIALS = {
  TENCENT_SDK_APP_ID: "1400000000",
  TENCENT_CALLBACK_TOKEN: "dev-tencent-callback-token",
  SUD_APP_ID: "1461564080052506636",
  SUD_APP_SECRET: "dev-sud-app-secret",
  YUANJING_APP_SECRET: "dev-top-app-secret",
  // The base64 of "dev-dead-letter-key-not-a-secret": seals the emulator's dead letters for replay.
  DEAD_LETTER_KEY: "ZGV2LWRlYWQtbGV0dGVyLWtleS1ub3QtYS1zZWNyZXQ=",
  // The emulator's FC API checks FC 2.0 request signatures made with this account and key pair.
  ALIBABA_CLOUD_ACCOUNT_ID: "1234567890123456",
  ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIdevEmulatorKey",
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: "dev-emulator-access-key-secret",
  ALIBABA_CLOUD_REGION: "cn-hangzhou",
} as const;

export type Settings = Readonly<Record<string, string | undefined>>;

export interface ResolvedSettings {
  readonly env: Record<string, string>;
  /** Where each configured name came from, for the emulator's start-up banner. */
  readonly source: Record<string, "default" | ".env" | "environment">;
  readonly dotenvPath?: string;
}

/**
 * Development defaults, overridden by a `.env` file in `cwd`, overridden by the process environment.
 * An empty value overrides nothing (a copied, unfilled .env.example keeps the defaults working).
 */
export function resolveSettings(options: { env?: Settings; cwd?: string } = {}): ResolvedSettings {
  const processEnv = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const env: Record<string, string> = {};
  const source: ResolvedSettings["source"] = {};
  for (const [name, value] of Object.entries(DEV_CREDENTIALS)) {
    env[name] = value;
    source[name] = "default";
  }
  const dotenvPath = join(cwd, ".env");
  const fromFile = existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath, "utf8")) : {};
  for (const [name, value] of Object.entries(fromFile)) {
    if (value === "") continue;
    env[name] = value;
    source[name] = ".env";
  }
  for (const [name, value] of Object.entries(processEnv)) {
    if (value === undefined || value === "") continue;
    env[name] = value;
    source[name] = "environment";
  }
  return { env, source, dotenvPath: existsSync(dotenvPath) ? dotenvPath : undefined };
}

/** True when a value is the shipped development default (safe to print). */
export function isDevDefault(name: string, value: string | undefined): boolean {
  return (DEV_CREDENTIALS as Record<string, string>)[name] === value;
}
