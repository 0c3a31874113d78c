import { ConfigError, type Env } from "../core/config";
import { jsonLogger, type Logger } from "../core/log";
import { type Delivery, deliveryFromEnv } from "../delivery/from-env";
import type { FunctionSpecs } from "./replay";
import { redriveRun, type RunSummary } from "./run";
import { loadRedriveSettings, type RedriveSettings } from "./settings";

/** What a run reports, and the one summary line says: with `problem` when it could not run at all. */
export type RedriveReport = RunSummary & { problem?: string };

export interface RedriveDeps {
  readonly env?: Env;
  readonly log?: Logger;
  readonly random?: () => number;
}

/** Without a deadline from the runtime (a call by hand), a run gives itself this long. */
const DEFAULT_RUN_MS = 60_000;

/**
 * One redrive run per call, until the deadline; settings and the Redis connection are read once per
 * warm instance. Never throws: whatever stops a run is its summary's `problem`, and the letters stay due.
 */
export function createRedrive(specs: FunctionSpecs, deps: RedriveDeps = {}) {
  const env = deps.env ?? process.env;
  const log = deps.log ?? jsonLogger;
  let ready: { delivery: Delivery; settings: RedriveSettings } | { problem: string } | undefined;

  function prepare() {
    try {
      const delivery = deliveryFromEnv(env, log);
      if (!delivery.redis) {
        void delivery.close();
        return { problem: "REDIS_URL is not set: without it dead letters are in the functions' log (npm run replay -- --from-log)" };
      }
      if (delivery.settings.deadLetterKeys.length === 0) {
        void delivery.close();
        return { problem: "DEAD_LETTER_KEY is not set: the redrive replays only letters it can prove unaltered; set the functions' key" };
      }
      return { delivery, settings: loadRedriveSettings(env, delivery.settings.completedTtlMs) };
    } catch (error) {
      return { problem: `misconfigured: ${error instanceof ConfigError ? error.message : "the configuration could not be read"}` };
    }
  }

  return {
    async run(deadlineAt: number): Promise<RedriveReport> {
      ready ??= prepare();
      let report: RedriveReport = { taken: 0, delivered: 0, failed: 0, parked: 0, left: 0 };
      if ("problem" in ready) report = { ...report, problem: ready.problem };
      else {
        try {
          report = await redriveRun({ env, log, specs, delivery: ready.delivery, settings: ready.settings, deadlineAt, random: deps.random });
        } catch (error) {
          // Redis went away, or the key is missing: nothing was settled wrongly; what was held comes back due.
          report = { ...report, problem: (error as Error).message };
        }
      }
      log(report.problem ? "error" : "info", "redrive run", { ...report });
      return report;
    },
    async close() {
      if (ready && "delivery" in ready) await ready.delivery.close();
      ready = undefined;
    },
  };
}

/**
 * The exported handler of the redrive function, called by a timer: FC's timer trigger hands a Buffer
 * (`{"triggerTime","triggerName","payload"}`), EventBridge's schedule an object; neither says more than
 * "now". The deadline is what the runtime gives: Lambda's remaining time, FC's function timeout.
 */
export function defineRedrive(specs: FunctionSpecs) {
  const redrive = createRedrive(specs);
  return Object.assign(
    async function handler(event: unknown, context?: { getRemainingTimeInMillis?: () => number; function?: { timeout?: number } }): Promise<unknown> {
      const report = await redrive.run(deadlineOf(context, Date.now()));
      // FC hands a direct invocation's answer back as bytes; Lambda serialises what it is given.
      return Buffer.isBuffer(event) ? JSON.stringify(report) : report;
    },
    { specs },
  );
}

function deadlineOf(context: { getRemainingTimeInMillis?: () => number; function?: { timeout?: number } } | undefined, startedAt: number): number {
  if (typeof context?.getRemainingTimeInMillis === "function") return startedAt + context.getRemainingTimeInMillis();
  const seconds = context?.function?.timeout;
  return startedAt + (typeof seconds === "number" && seconds > 0 ? seconds * 1000 : DEFAULT_RUN_MS);
}
