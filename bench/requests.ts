// Signed callbacks for the benchmark, built from the callback files' own samples (`sample(ctx)`) with a
// fixed seed: the same sequence number gives the same bytes on every run (only the clock differs, since
// the platforms' signatures and SUD's replay window are checked at receipt). Every call carries a
// distinct dedupe id and nonce, so no measured request is short-cut as a duplicate or a replay.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LosslessNumber, stringify } from "lossless-json";
import type { SampleContext } from "../shared/core/callback";
import { PLATFORM_TOOLING, type PlatformTooling } from "../shared/platforms/tooling";

export const BENCH_ENV = {
  TENCENT_SDK_APP_ID: "1400000001",
  TENCENT_CALLBACK_TOKEN: "bench-callback-token",
  SUD_APP_ID: "1461564080052506636",
  SUD_APP_SECRET: "bench-sud-secret",
  YUANJING_APP_SECRET: "bench-top-secret",
  // A deployment keeps its dead letters sealed (a fixed key: the benchmark's letters are thrown away).
  DEAD_LETTER_KEY: Buffer.alloc(32, 7).toString("base64"),
} as const;

export type Platform = "tencent" | "sud" | "yuanjing";

/**
 * What each callback function is measured with: the one-URL functions with their richest schema (the
 * largest sample of their catalog), the app-server ones with the interface they serve. `file` names the
 * catalog file (or the app-server interface), `path` the URL path SUD's app-server functions read.
 */
export const SUBJECTS = {
  "tencent-live": { platform: "tencent", file: "room-destroyed" },
  "tencent-live-battle-start": { platform: "tencent", file: "battle-start" },
  "tencent-live-battle-end": { platform: "tencent", file: "battle-end" },
  "tencent-live-room-destroyed": { platform: "tencent", file: "room-destroyed" },
  "sud-notify": { platform: "sud", file: "order-batch-changed" },
  "sud-player-status": { platform: "sud", file: "player-status" },
  "sud-app-server": { platform: "sud", file: "report_game_info", path: "/sud/report_game_info" },
  "sud-report-game-info": { platform: "sud", file: "report_game_info", path: "/report_game_info" },
  "sud-get-sstoken": { platform: "sud", file: "get_sstoken", path: "/get_sstoken" },
  "sud-update-sstoken": { platform: "sud", file: "update_sstoken", path: "/update_sstoken" },
  "sud-get-user-info": { platform: "sud", file: "get_user_info", path: "/get_user_info" },
  "yuanjing-session-lifecycle": { platform: "yuanjing", file: "session-lifecycle" },
} as const satisfies Record<string, { platform: Platform; file: string; path?: string }>;

export type FunctionName = keyof typeof SUBJECTS;
export const FUNCTION_NAMES = Object.keys(SUBJECTS) as FunctionName[];
export const platformOf = (fn: string): Platform => (SUBJECTS as Record<string, { platform: Platform }>)[fn]!.platform;

/** One HTTP callback as the platform sends it; header names in the sender's case. */
export interface HttpCall {
  readonly method: "POST";
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const TOOLING: Readonly<Record<Platform, PlatformTooling>> = {
  tencent: PLATFORM_TOOLING.find((t) => t.platform.name === "tencent-live")!,
  sud: PLATFORM_TOOLING.find((t) => t.platform.name === "sud")!,
  yuanjing: PLATFORM_TOOLING.find((t) => t.platform.name === "yuanjing")!,
};

/** A SampleContext whose ids follow from `seq` alone: `fresh` counts within the call, `bareId` is an 18-digit number. */
function seededContext(seq: number, now: number): SampleContext {
  let n = 0;
  const hex = (v: number, width: number) => v.toString(16).padStart(width, "0");
  return {
    now,
    settings: BENCH_ENV,
    fresh: (prefix = "") => `${prefix}${hex(seq, 12)}${hex(n++, 4)}`,
    bareId: () => new LosslessNumber(`1441152${String((seq * 7919 + n++) % 1e11).padStart(11, "0")}`),
  };
}

/** The app-server interfaces have no catalog sample: their bodies are the contract tests' fixtures, made distinct per call. */
const APP_SERVER_FIXTURE: Readonly<Record<string, string>> = {
  report_game_info: "report-game-info",
  get_sstoken: "get-sstoken",
  update_sstoken: "update-sstoken",
  get_user_info: "get-user-info",
};

function appServerBody(name: string, seq: number): string {
  const text = readFileSync(join("test", "fixtures", "sud", "app-server", `${APP_SERVER_FIXTURE[name]}.json`), "utf8").trim();
  const tag = seq.toString(36).padStart(8, "0");
  // The field each interface is deduped or answered by, made distinct (the round for a report, the code or token otherwise).
  return text
    .replace(/"game_round_id":"([^"]*)"/, `"game_round_id":"$1-${tag}"`)
    .replace(/"code":"([^"]*)"/, `"code":"$1-${tag}"`)
    .replace(/"ss_token":"([^"]*)"/g, `"ss_token":"$1${tag}"`);
}

/** The signed callback number `seq` of function `fn`'s subject. */
export function signedCall(fn: string, seq: number, now = Date.now()): HttpCall {
  const subject = (SUBJECTS as Record<string, { platform: Platform; file: string; path?: string }>)[fn];
  if (!subject) throw new Error(`bench/requests.ts has no subject for function ${fn}: add it to SUBJECTS`);
  const tooling = TOOLING[subject.platform];
  const ctx = seededContext(seq, now);
  const nonce = `n${seq.toString(36).padStart(15, "0")}`;
  if (subject.path) {
    const headers = { "Content-Type": "application/json", "Sud-Nonce": nonce };
    const body = appServerBody(subject.file, seq);
    const signed = tooling.sign({ query: {}, headers, body: {} }, body, { settings: BENCH_ENV, now });
    return { method: "POST", path: subject.path, query: signed.query, headers: signed.headers, body };
  }
  const entry = tooling.catalog.find((e) => e.file === subject.file);
  if (!entry) throw new Error(`no catalog entry ${subject.file} for ${subject.platform}`);
  const unsigned = tooling.request(entry.definition.name, entry.sample(ctx), ctx);
  if (subject.platform === "sud") unsigned.headers["Sud-Nonce"] = nonce;
  const body = stringify(unsigned.body) ?? "";
  const signed = tooling.sign(unsigned, body, { settings: BENCH_ENV, now });
  return { method: "POST", path: subject.platform === "tencent" ? "/callback" : subject.platform === "sud" ? "/notify" : "/", query: signed.query, headers: signed.headers, body };
}

export function queryString(query: Readonly<Record<string, string>>): string {
  return new URLSearchParams(query).toString();
}

/** The event AWS Lambda hands over for an HTTP API (payload 2.0) call. */
export function lambdaEvent(call: HttpCall, nowMs = Date.now()) {
  const headers: Record<string, string> = { host: "bench.execute-api.ap-east-1.amazonaws.com" };
  for (const [name, value] of Object.entries(call.headers)) headers[name.toLowerCase()] = value;
  headers["content-length"] = String(Buffer.byteLength(call.body));
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: call.path,
    rawQueryString: queryString(call.query),
    headers,
    queryStringParameters: { ...call.query },
    requestContext: {
      accountId: "123456789012",
      apiId: "bench",
      domainName: "bench.execute-api.ap-east-1.amazonaws.com",
      domainPrefix: "bench",
      http: { method: call.method, path: call.path, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: headers["user-agent"] ?? "bench" },
      requestId: `req-${nowMs}`,
      routeKey: "$default",
      stage: "$default",
      time: new Date(nowMs).toUTCString(),
      timeEpoch: nowMs,
    },
    body: call.body,
    isBase64Encoded: false,
  };
}

/** The Buffer an FC 3.0 HTTP trigger hands over (`version: "v1"`, header names in the sender's case). */
export function fcHttpEvent(call: HttpCall, nowMs = Date.now()): Buffer {
  const event = {
    version: "v1",
    rawPath: call.path,
    headers: { ...call.headers, Host: "bench.cn-hangzhou.fcapp.run", "Content-Length": String(Buffer.byteLength(call.body)) },
    queryParameters: { ...call.query },
    body: call.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: "1234567890123456",
      domainName: "bench.cn-hangzhou.fcapp.run",
      domainPrefix: "bench",
      requestId: `req-${nowMs}`,
      time: new Date(nowMs).toISOString(),
      timeEpoch: String(nowMs),
      http: { method: call.method, path: call.path, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: call.headers["User-Agent"] ?? "bench" },
    },
  };
  return Buffer.from(JSON.stringify(event));
}
