// What the behaviour tests send a built bundle and read back: every callback a function may be sent,
// signed as its platform signs it at the frozen clock, and the answer with the log lines it wrote.
import { stringify } from "lossless-json";
import { isAnswering } from "../../shared/core/answering";
import type { SampleContext } from "../../shared/core/callback";
import { JUDGE } from "../../shared/core/issues";
import { sudAppInterfaces } from "../../shared/platforms/sud/app-server";
import { toolingOf } from "../../shared/platforms/tooling";
import type { BundleHandler } from "./bundle";
import { type HttpCall, httpCall } from "./events";
import { FUNCTION_SPECS, type FunctionName } from "./functions";
import { envFor } from "./harness";
import { captureJsonLog } from "./log-capture";
import { NOW_MS, sudCall } from "./requests";

/** Callbacks per function in a random sample: about 4000 requests over the 13 functions. */
export const RUNS_PER_FUNCTION = 330;

// The app-server interfaces have no sample export: a call as SUD makes it.
const APP_SERVER_SAMPLES: Record<string, Record<string, unknown>> = {
  get_sstoken: { code: "code-1" },
  update_sstoken: { ss_token: "token-1" },
  get_user_info: { ss_token: "token-1" },
  get_account: { uid: "10001" },
  get_score: { uid: "10001" },
  report_game_info: { report_type: "game_start", report_msg: { mg_id: "1468180338417074177", room_id: "9009", game_round_id: "r1", uid: "10001" } },
};

export interface Sent {
  readonly name: string;
  readonly payload: unknown;
}

const appServer = (fn: FunctionName) => FUNCTION_SPECS[fn].callbacks.every((c) => sudAppInterfaces.some((i) => i.name === c.name));

/**
 * What a function may be sent: every callback its platform has (others' are quarantined or refused),
 * and one without a schema. Answering callbacks first: the first of them waits for the defaults read at
 * cold start, whose one-time warnings are then logged inside that call rather than inside a later one.
 */
export function sendable(fn: FunctionName, ctx: SampleContext): { name: string; sample: unknown }[] {
  if (appServer(fn)) return sudAppInterfaces.map((i) => ({ name: i.name, sample: APP_SERVER_SAMPLES[i.name] }));
  const tooling = toolingOf(FUNCTION_SPECS[fn].platform.name);
  const served = new Set(FUNCTION_SPECS[fn].callbacks.filter(isAnswering).map((c) => c.name));
  const known = tooling.catalog.map((entry) => ({ name: entry.definition.name, sample: entry.sample(ctx) }));
  known.sort((a, b) => Number(served.has(b.name)) - Number(served.has(a.name)));
  return tooling.unknown ? [...known, { name: tooling.unknown.name, sample: tooling.unknown.sample(ctx) }] : known;
}

/** The callback signed as its platform signs it, at the frozen clock; SUD's nonce comes from `ctx`, so a seeded context repeats it. */
export function signed(fn: FunctionName, sent: Sent, ctx: SampleContext): HttpCall {
  const settings = envFor(fn);
  const nonce = ctx.fresh().slice(0, 16);
  if (appServer(fn)) return sudCall({ body: stringify(sent.payload) ?? "null", now: NOW_MS, path: `/sud/app/${sent.name}`, nonce });
  const platform = FUNCTION_SPECS[fn].platform.name;
  const tooling = toolingOf(platform);
  const unsigned = tooling.request(sent.name, sent.payload as Record<string, unknown>, ctx);
  const headers = platform === "sud" ? { ...unsigned.headers, "Sud-Nonce": nonce } : unsigned.headers;
  const call = tooling.sign({ ...unsigned, headers }, stringify(unsigned.body) ?? "null", { settings, now: NOW_MS });
  return httpCall({ method: "POST", path: "/", query: call.query, headers: call.headers, body: call.body });
}

/** One call to one instance: its answer and the log lines it wrote, as text (`zodOnly`: schemas judged by zod alone). */
export async function answerOf(handler: BundleHandler, event: () => unknown, context: unknown, zodOnly = false): Promise<{ answer: string; lines: string[] }> {
  const log = captureJsonLog();
  if (zodOnly) (globalThis as Record<symbol, unknown>)[JUDGE] = "zod";
  try {
    const answer = await handler(event(), context);
    return { answer: Buffer.isBuffer(answer) ? `buffer:${answer.toString("utf8")}` : JSON.stringify(answer), lines: log.lines };
  } finally {
    delete (globalThis as Record<symbol, unknown>)[JUDGE];
    log.stop();
  }
}
