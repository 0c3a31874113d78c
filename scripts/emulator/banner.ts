import { isDevDefault, type ResolvedSettings } from "../dev-credentials";
import type { Emulator } from "./index";
import { terminalSafeLines } from "./terminal-safe";

/** The configuration the functions read (DESIGN.md), then what the FC API emulation checks. */
const SHOWN = [
  "TENCENT_SDK_APP_ID",
  "TENCENT_CALLBACK_TOKEN",
  "SUD_APP_ID",
  "SUD_APP_SECRET",
  "SUD_MAX_SIGNATURE_AGE_S",
  "YUANJING_APP_SECRET",
  "YUANJING_ALLOW_UNSIGNED_HTTP",
  "YUANJING_FC_GROUP",
  "YUANJING_FC_NAME",
  "YUANJING_SIGN_MAX_AGE_S",
  "YUANJING_CONSUME_STATE",
  "REDIS_URL",
  "REDIS_STREAM",
  "FORWARD_URL",
  "FORWARD_SECRET",
  "REDIS_KEY_PREFIX",
  "REDIS_TIMEOUT_MS",
  "DEDUPE_TTL_HOURS",
  "DEAD_LETTER_STREAM",
  "DEAD_LETTER_KEY",
  "REDRIVE_BACKOFF_BASE_S",
  "REDRIVE_BACKOFF_MAX_S",
  "REDRIVE_MAX_ATTEMPTS",
  "REDRIVE_MAX_AGE_HOURS",
  "ALIBABA_CLOUD_ACCOUNT_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
] as const;

/** Values safe to print whatever they are; any other value is printed only if it is a shipped default. */
const PUBLIC = /(_APP_ID|_FC_GROUP|_FC_NAME|_AGE_S|_CONSUME_STATE|_STREAM|_ACCOUNT_ID|_PREFIX|_MS|_HOURS|_ALLOW_UNSIGNED_HTTP|^REDRIVE_[A-Z_]+)$/;

export function banner(emulator: Emulator, settings: ResolvedSettings): string {
  const lines: string[] = [`Callback emulator listening on ${emulator.url}`, ""];
  lines.push("Configuration (development defaults: never use them in the cloud; override in .env or the environment):");
  // What s.yaml fixes itself (the 元镜 pair comes from its vars), for names the environment leaves unset.
  const fromFile = Object.assign({}, ...emulator.fc.map((spec) => spec.env)) as Record<string, string>;
  for (const name of SHOWN) {
    const fixed = !settings.env[name] && fromFile[name] !== undefined;
    const value = fixed ? fromFile[name] : settings.env[name];
    const from = fixed ? "s.yaml" : (settings.source[name] ?? "");
    const shown = value === undefined || value === "" ? "(not set)" : PUBLIC.test(name) || isDevDefault(name, value) ? value : "(set)";
    lines.push(`  ${name.padEnd(32)} ${shown.padEnd(34)} ${from === "default" ? "dev default" : from}`);
  }
  const group = (title: string, via: string) => {
    const routes = emulator.routes.filter((r) => r.via === via);
    if (routes.length === 0) return;
    lines.push("", title);
    for (const r of routes) lines.push(`  ${r.methods.join(",").padEnd(9)} ${r.url.padEnd(72)} ${r.fn}`);
  };
  group("Alibaba FC 3.0 HTTP triggers (s.yaml), one per function at /fc/<function>:", "fc-http");
  group("FC InvokeFunction API (direct invocation; sign with @alicloud/fc2, see npm run invoke):", "fc-invoke");
  group("AWS HTTP API routes (serverless.yml), payload 2.0 events:", "aws");
  if (emulator.timers.length) {
    lines.push("", "FC timer triggers (s.yaml), fired here on their schedule (npm start -- --timer-every 10s to fire them sooner):");
    for (const t of emulator.timers) lines.push(`  ${t.fn.padEnd(28)} ${t.trigger.padEnd(12)} ${t.schedule}`);
  }
  lines.push("", "Try, in another terminal:  npm run send -- tencent-live-battle-end   (npm run send -- --list for all)", "");
  // Values come from .env and the environment: printed as text, never as terminal sequences.
  return terminalSafeLines(lines.join("\n"));
}
