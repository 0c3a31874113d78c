import { randomUUID } from "node:crypto";
import type { Invocation } from "../host/function-host";
import type { TimerTrigger } from "../manifest/function-spec";
import type { FcEntry } from "../registry";
import { terminalSafe } from "../terminal-safe";
import { fcContext } from "./http-event";
import { every, parseSchedule, type Schedule } from "./schedule";

/** The event an FC 3.0 timer trigger hands the function, as a Buffer. */
export interface FcTimerEvent {
  /** When it fired, ISO 8601 to the second. */
  triggerTime: string;
  triggerName: string;
  /** The trigger's configured `payload`, as it is. */
  payload: string;
}

export interface TimerOptions {
  readonly accountId: string;
  /** Where the one line per firing goes. */
  readonly log: (line: string) => void;
  /** Fire every timer this often instead of on its schedule (`npm start -- --timer-every 10s`, tests). */
  readonly everyMs?: number;
  readonly color?: boolean;
}

/** One timer of one function, as the start-up banner lists it. */
export interface TimerInfo {
  readonly fn: string;
  readonly trigger: string;
  readonly schedule: string;
}

/** Node's timers hold at most this long; a later firing is waited for in steps. */
const MAX_WAIT_MS = 2 ** 31 - 1;

/**
 * The timer triggers of s.yaml, fired as FC fires them: each enabled trigger on its `cronExpression`,
 * the function invoked with FC's timer event, one line per firing. A firing does not wait for the
 * previous one to finish, as in FC; the schedule keeps its cadence whatever a run takes.
 */
export class TimerScheduler {
  readonly timers: readonly TimerInfo[];
  private readonly armed = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly entries: readonly FcEntry[],
    private readonly options: TimerOptions,
  ) {
    const timers: TimerInfo[] = [];
    for (const entry of entries) {
      for (const trigger of entry.spec.timers ?? []) {
        if (!trigger.enable) continue;
        const schedule = this.scheduleOf(entry, trigger);
        if (!schedule) continue;
        const shown = options.everyMs ? `every ${options.everyMs} ms (--timer-every)` : trigger.cronExpression;
        timers.push({ fn: entry.spec.key, trigger: trigger.name, schedule: shown });
        this.arm(entry, trigger, schedule, schedule.next(Date.now()));
      }
    }
    this.timers = timers;
  }

  /** Fires a function's timer now, as its schedule would; resolves with the line it logged. */
  fire(fn: string, triggerName?: string): Promise<string> {
    const entry = this.entries.find((e) => e.spec.key === fn || e.spec.name === fn);
    const trigger = entry?.spec.timers?.find((t) => triggerName === undefined || t.name === triggerName);
    if (!entry || !trigger) return Promise.reject(new Error(`s.yaml gives ${fn} no timer trigger${triggerName ? ` ${triggerName}` : ""}`));
    return this.run(entry, trigger, Date.now());
  }

  /** Stops every timer and waits for the firings under way (the hosts' close fails what is still running). */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.armed) clearTimeout(timer);
    this.armed.clear();
    await Promise.allSettled([...this.running]);
  }

  private scheduleOf(entry: FcEntry, trigger: TimerTrigger): Schedule | undefined {
    if (this.options.everyMs) return every(this.options.everyMs);
    try {
      return parseSchedule(trigger.cronExpression);
    } catch (error) {
      this.options.log(terminalSafe(`timer ${entry.spec.key}/${trigger.name} is not fired: ${(error as Error).message}`));
      return undefined;
    }
  }

  private arm(entry: FcEntry, trigger: TimerTrigger, schedule: Schedule, at: number): void {
    if (this.closed) return;
    const timer = setTimeout(
      () => {
        this.armed.delete(timer);
        if (Date.now() < at) return this.arm(entry, trigger, schedule, at);
        this.arm(entry, trigger, schedule, schedule.next(at));
        void this.run(entry, trigger, at);
      },
      Math.min(MAX_WAIT_MS, Math.max(0, at - Date.now())),
    );
    this.armed.add(timer);
  }

  private run(entry: FcEntry, trigger: TimerTrigger, at: number): Promise<string> {
    const requestId = randomUUID();
    const triggerTime = new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z");
    const event: FcTimerEvent = { triggerTime, triggerName: trigger.name, payload: trigger.payload };
    const started = Date.now();
    const context = fcContext(entry.spec, requestId, this.options.accountId);
    const invocation = entry.host.invoke({ kind: "bytes", data: Buffer.from(JSON.stringify(event)) }, context);
    const logged = invocation.then((result) => {
      const line = timerLine(entry.spec.key, trigger.name, result, Date.now() - started, this.options.color);
      this.options.log(line);
      return line;
    });
    this.running.add(logged);
    void logged.finally(() => this.running.delete(logged));
    return logged;
  }
}

/** One firing's line: what the function answered (a redrive's summary, read), or why it failed. */
export function timerLine(fn: string, trigger: string, invocation: Invocation, durationMs: number, color = false): string {
  const paint = (code: number, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const time = new Date().toTimeString().slice(0, 8);
  let outcome: string;
  if (!invocation.ok) {
    outcome = paint(31, `✘ ${invocation.failure === "timeout" ? "timed out" : "function failed"}: ${terminalSafe(invocation.error.message)}`);
  } else {
    const report = redriveReport(invocation.result);
    if (!report) outcome = paint(32, "✔ done");
    else if (report.problem) outcome = paint(31, `✘ redrive run: ${terminalSafe(String(report.problem))}`);
    else {
      const counts = `taken ${report.taken}, delivered ${report.delivered}, failed ${report.failed}, parked ${report.parked}, left ${report.left}`;
      const text = `redrive run: ${counts}`;
      outcome = Number(report.parked) > 0 ? paint(33, `✔ ${text}`) : paint(32, `✔ ${text}`);
    }
  }
  const cold = invocation.coldStartMs !== undefined ? `, cold start ${invocation.coldStartMs} ms` : "";
  return [time, "FC⏱ ", terminalSafe(fn).padEnd(28), terminalSafe(`timer ${trigger}`), outcome, paint(90, `(${durationMs} ms${cold})`)].join("  ");
}

/** The redrive's summary, when that is what the function answered. */
function redriveReport(result: Extract<Invocation, { ok: true }>["result"]): Record<string, unknown> | undefined {
  const text = result.kind === "bytes" ? Buffer.from(result.data).toString("utf8") : result.kind === "empty" ? "" : result.text;
  try {
    const value = JSON.parse(result.kind === "json" && text.startsWith('"') ? (JSON.parse(text) as string) : text) as unknown;
    return typeof value === "object" && value !== null && "taken" in value ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
