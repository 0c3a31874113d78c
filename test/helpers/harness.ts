/**
 * A function's processor built with `createProcessor(spec, deps)`: a fake clock, captured log lines,
 * an in-memory dedupe store, and a recording target that sees every delivered event.
 */
import type { Env } from "../../shared/core/config";
import type { CallbackEvent } from "../../shared/core/event";
import { type LogLevel, logLine } from "../../shared/core/log";
import type { Answer } from "../../shared/core/platform";
import { MemoryDedupeStore } from "../../shared/delivery/dedupe/memory";
import type { DedupeStore } from "../../shared/delivery/dedupe/store";
import type { Target } from "../../shared/delivery/deliver";
import { MemoryNonceStore } from "../../shared/delivery/nonce/memory";
import { createProcessor } from "../../shared/function";
import { runtimeHandler } from "../../shared/runtime/handler";
import { type HttpCall, invocation, toInbound } from "./events";
import { type AnySpec, FUNCTION_SPECS, type FunctionName, platformOf } from "./functions";
import { LETTER_KEY, NOW_MS, SUD_APP_ID, SUD_SECRET, TENCENT_APP_ID, TENCENT_TOKEN, TOP_SECRET } from "./requests";

export interface LogLine {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: Record<string, unknown> | undefined;
  /** The line as the JSON logger writes it. */
  readonly text: string;
}

/** Settings that make each platform's functions work, dead letters sealed; tests override single variables. */
export const ENV = {
  tencent: { TENCENT_SDK_APP_ID: TENCENT_APP_ID, TENCENT_CALLBACK_TOKEN: TENCENT_TOKEN, DEAD_LETTER_KEY: LETTER_KEY },
  sud: { SUD_APP_ID, SUD_APP_SECRET: SUD_SECRET, DEAD_LETTER_KEY: LETTER_KEY },
  yuanjing: { YUANJING_APP_SECRET: TOP_SECRET, DEAD_LETTER_KEY: LETTER_KEY },
} as const;

export function envFor(fn: FunctionName): Env {
  const platform = platformOf(fn);
  return platform === "tencent-live" ? ENV.tencent : platform === "sud" ? ENV.sud : ENV.yuanjing;
}

export interface HarnessOptions {
  /** Replaces the function's default env (see ENV) entirely. */
  readonly env?: Env;
  readonly now?: number;
  /** Typed handlers, as a function's `handlers` would be. */
  readonly handlers?: Record<string, (event: any, signal: AbortSignal) => unknown>;
  readonly targets?: readonly Target[];
  readonly spec?: AnySpec;
  /** Replaces the in-memory dedupe store on the harness's clock (a Redis store, to share it between harnesses). */
  readonly dedupe?: DedupeStore;
}

export interface Harness {
  /** The processor: an InboundRequest in, the platform's answer out. */
  readonly process: (req: Parameters<ReturnType<typeof createProcessor>>[0]) => Promise<Answer>;
  /** The same processor behind the runtime `handler` (FC Buffers, Lambda v2 objects). */
  readonly handler: (event: unknown, context?: unknown) => Promise<unknown>;
  /** Sends an HTTP call received at the clock's now. */
  send(call: HttpCall): Promise<Answer>;
  /** A direct invocation received at the clock's now. */
  invoke(payload: string | Buffer): Promise<Answer>;
  readonly logs: LogLine[];
  readonly delivered: CallbackEvent[];
  readonly clock: { now(): number; set(ms: number): void; advance(ms: number): void };
}

export function harness(fn: FunctionName, options: HarnessOptions = {}): Harness {
  let now = options.now ?? NOW_MS;
  const clock = { now: () => now, set: (ms: number) => void (now = ms), advance: (ms: number) => void (now += ms) };
  const logs: LogLine[] = [];
  const delivered: CallbackEvent[] = [];
  const recorder: Target = { name: "recorder", send: async (event) => void delivered.push(event) };
  const base = options.spec ?? FUNCTION_SPECS[fn];
  const spec: AnySpec = options.handlers ? { ...base, handlers: options.handlers as never } : base;
  const process = createProcessor(spec, {
    env: options.env ?? envFor(fn),
    now: clock.now,
    dedupe: options.dedupe ?? new MemoryDedupeStore(10_000, clock.now),
    nonces: new MemoryNonceStore(10_000, clock.now),
    targets: [recorder, ...(options.targets ?? [])],
    log: (level, message, fields, options) => {
      logs.push({ level, message, fields, text: logLine(level, message, fields, options) });
    },
  });
  return {
    process,
    handler: runtimeHandler(process),
    send: (call) => process(toInbound(call, clock.now())),
    invoke: (payload) => process(invocation(payload, clock.now())),
    logs,
    delivered,
    clock,
  };
}

/** The answer's body as JSON. */
export function bodyOf(answer: { body: string }): any {
  return JSON.parse(answer.body);
}

/**
 * The events written in full to error-level log lines (a failed delivery must leave the whole event
 * in the log, wherever in the line it sits): any object of the CallbackEvent shape.
 */
export function eventsInErrorLogs(logs: readonly LogLine[]): CallbackEvent[] {
  const found: CallbackEvent[] = [];
  const walk = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    const candidate = value as Record<string, unknown>;
    if (typeof candidate.id === "string" && typeof candidate.callback === "string" && "data" in candidate && "raw" in candidate) {
      found.push(candidate as unknown as CallbackEvent);
      return;
    }
    for (const item of Object.values(candidate)) walk(item);
  };
  for (const line of logs) if (line.level === "error") walk(line.fields);
  return found;
}
