import type { AnyCallback } from "../core/callback";
import { ConfigError, type Env } from "../core/config";
import type { Logger } from "../core/log";
import type { Outcome } from "../core/outcome";
import { type DeadLetter, type LetterAttempt, restoreRequest } from "../delivery/dead-letter/record";
import { checkLetter, type LetterCheck, sealLetter } from "../delivery/dead-letter/seal";
import type { DeadLetterStore } from "../delivery/dead-letter/store";
import type { Delivery } from "../delivery/from-env";
import { createProcessor, type FunctionSpec, type Processor } from "../function";
import { schemaFingerprint } from "./fingerprint";
import type { StoredLetter } from "./source";

export type AnySpec = FunctionSpec<any, any, readonly AnyCallback[]>;
/** Every function a letter can be replayed through, by its folder name under functions/. */
export type FunctionSpecs = Readonly<Record<string, AnySpec>>;

export interface ReplayerOptions {
  readonly env: Env;
  readonly log: Logger;
  /** The same dedupe and targets the functions use (deliveryFromEnv with the functions' env). */
  readonly delivery: Delivery;
  readonly specs: FunctionSpecs;
  /** Run every letter through this function instead of the one that wrote it. */
  readonly functionName?: string;
  /** Replay letters older than the dedupe memory, which can no longer prove they were not delivered since. */
  readonly force?: boolean;
  /** Replay letters that carry no MAC (kept while DEAD_LETTER_KEY was unset); a MAC that fails is never let through. */
  readonly insecure?: boolean;
  /** DEAD_LETTER_KEY is the public development key: said beside a MAC that fails. */
  readonly devKey?: boolean;
}

/** What one replay of one letter came to, before the letter is settled in its source. */
export type Attempt =
  | { readonly status: "delivered" | "already delivered"; readonly detail: string }
  | { readonly status: "in progress"; readonly detail: string }
  /** `letter`: the letter with this attempt recorded, sealed again; `quarantined`: today's schemas refused it. */
  | { readonly status: "failed"; readonly detail: string; readonly letter: DeadLetter; readonly quarantined: boolean }
  /** Not tried: too old for the dedupe memory, no function serves it, or it is not what the functions kept (its MAC). */
  | { readonly status: "skipped" | "refused"; readonly detail: string };

export interface Replayer {
  /** The function a letter is replayed through: the one that wrote it, else its platform's catch-all. */
  functionFor(letter: DeadLetter): string | undefined;
  /** Why letters of this function cannot be replayed as configured (a setting), or undefined. Checked once. */
  problemOf(name: string): string | undefined;
  /** Why this letter may not be replayed as it is (its MAC), or undefined. */
  unfit(letter: DeadLetter): string | undefined;
  attempt(stored: StoredLetter): Promise<Attempt>;
  close(): Promise<void>;
}

/** Replay cannot run as configured; nothing was touched. The message is one line. */
export class ReplayStopped extends Error {}

/**
 * Replays dead letters through the function that received them, exactly as received. A letter's MAC
 * must verify under DEAD_LETTER_KEY first (else it is refused); then the stored request is
 * authenticated again (at its original time, so timestamp windows pass), validated with today's
 * schemas, claimed in the same dedupe, and delivered to the same targets. A letter already
 * delivered since is acknowledged, not delivered again. Throws a ReplayStopped when the key is
 * missing (unless `insecure`) or the chosen function does not exist.
 */
export function createReplayer(options: ReplayerOptions): Replayer {
  const known = Object.keys(options.specs);
  const keys = options.delivery.settings.deadLetterKeys;
  if (keys.length === 0 && !options.insecure) {
    throw new ReplayStopped("DEAD_LETTER_KEY is not set: replay cannot prove a letter unaltered; set the functions' key, or pass --insecure to replay letters without a MAC");
  }
  if (options.functionName && !known.includes(options.functionName)) {
    throw new ReplayStopped(`no function ${options.functionName} among ${known.join(", ")}`);
  }
  // Replay answers as the function did at receipt: its clock reads the original time, running on from there.
  let shift = 0;
  const now = () => Date.now() + shift;
  let outcome: Outcome | undefined;
  // The letter being replayed: an answered callback is delivered with the answer it kept.
  let replaying: { event?: DeadLetter["event"] } | undefined;
  // A failure during replay writes no second letter: the one being replayed is kept instead.
  const deadLetters: DeadLetterStore = { keep: async () => "the replayed letter" };
  const processors = new Map<string, Processor>();
  const problems = new Map<string, string | undefined>();

  function problemOf(name: string): string | undefined {
    if (!problems.has(name)) {
      let problem: string | undefined;
      try {
        options.specs[name]!.platform.loadConfig(options.env);
      } catch (error) {
        problem = `${name} is misconfigured: ${error instanceof ConfigError ? error.message : "its configuration could not be read"}`;
      }
      problems.set(name, problem);
    }
    return problems.get(name);
  }

  function processorFor(name: string): Processor {
    let processor = processors.get(name);
    if (!processor) {
      processor = createProcessor(options.specs[name]!, {
        env: options.env,
        log: options.log,
        now,
        dedupe: options.delivery.dedupe,
        nonces: options.delivery.nonces,
        targets: options.delivery.targets,
        deadLetters,
        observe: (o) => void (outcome = o),
        replaying: () => replaying,
      });
      processors.set(name, processor);
    }
    return processor;
  }

  const functionFor = (letter: DeadLetter) => options.functionName ?? functionOf(letter.function, letter.platform, options.specs);

  return {
    functionFor,
    problemOf,
    unfit: (letter) => integrityProblem(checkLetter(letter, keys), keys.length > 0, options),
    async attempt({ letter }) {
      const check = checkLetter(letter, keys);
      const unfit = integrityProblem(check, keys.length > 0, options);
      if (unfit) return { status: "refused", detail: unfit };
      const age = Date.now() - letter.request.receivedAt;
      if (age > options.delivery.settings.completedTtlMs && !options.force) {
        return { status: "skipped", detail: "older than the dedupe memory (DEDUPE_TTL_HOURS): cannot prove it was not delivered since; use --force" };
      }
      const name = functionFor(letter);
      if (!name) return { status: "skipped", detail: `no function serves platform ${letter.platform}; use --function` };
      outcome = undefined;
      shift = letter.request.receivedAt - Date.now();
      replaying = { event: letter.event };
      try {
        await processorFor(name)(restoreRequest(letter.request));
      } finally {
        replaying = undefined;
      }
      // A letter that was sealed is kept sealed; one replayed unchecked (--insecure) is not given a MAC.
      return unverifiedAnswer(judge(letter, name, outcome, check === "verified" ? keys : [], options.specs[name]!), letter, check, options.log);
    },
    async close() {
      await Promise.all([...processors.values()].map((p) => p.close()));
    },
  };
}

/** Why a letter may not be replayed as it is, or undefined when it may. */
function integrityProblem(check: LetterCheck, keyed: boolean, options: ReplayerOptions): string | undefined {
  const devKey = options.devKey ? " (DEAD_LETTER_KEY is the development default)" : "";
  if (check === "mismatch" && !keyed) return "it carries a MAC, and DEAD_LETTER_KEY is not set to check it";
  if (check === "mismatch") return `its MAC does not verify under DEAD_LETTER_KEY${devKey}: altered since it was kept, or kept under another key`;
  if (check === "unsealed" && !options.insecure) {
    return "it carries no MAC: kept while DEAD_LETTER_KEY was unset, or its MAC was removed; --insecure replays it unchecked";
  }
  return undefined;
}

/**
 * The attempt as it is, but for an unsealed letter (--insecure) of an answered callback delivered: the request
 * verified again under the platform's signature, but nothing covers the answer it keeps. The result and a
 * warning say so, so that whoever replays it knows which answer the targets got unproven.
 */
function unverifiedAnswer(attempt: Attempt, letter: DeadLetter, check: LetterCheck, log: Logger): Attempt {
  if (check !== "unsealed" || !letter.event?.answer || attempt.status !== "delivered") return attempt;
  log("warn", "replayed an unverified answer", { callback: letter.callback, eventId: letter.event?.id, problem: "the letter has no MAC: its kept answer is unproven" });
  return { ...attempt, detail: `${attempt.detail}, with the answer the letter keeps, unverified (the letter has no MAC)` };
}

function judge(letter: DeadLetter, name: string, outcome: Outcome | undefined, keys: readonly Buffer[], spec: AnySpec): Attempt {
  if (outcome?.kind === "accepted" || outcome?.kind === "duplicate") {
    return { status: outcome.kind === "accepted" ? "delivered" : "already delivered", detail: `${letter.callback ?? "?"} via ${name}` };
  }
  if (outcome?.kind === "refused" && outcome.reason === "in_progress") {
    return { status: "in progress", detail: "another request is delivering it now; replay again later" };
  }
  const message = outcome?.kind === "refused" ? outcome.message : "no outcome";
  const reason = outcome?.kind === "refused" ? outcome.reason : letter.reason;
  const quarantined = outcome?.kind === "refused" && outcome.quarantined === true;
  const omitted = letter.request.omittedHeaders?.length
    ? ` (the letter left out the credential headers ${letter.request.omittedHeaders.join(", ")} that its signature covers: it cannot verify again)`
    : "";
  // The first reason stays; each failed replay is added to the history. A refusal by the schemas
  // records which schemas refused it, so the redrive tries it again only once they change.
  const attempt: LetterAttempt = { at: new Date().toISOString(), reason, message, ...(quarantined ? { schemas: schemaFingerprint(spec) } : {}) };
  const kept = sealLetter({ ...letter, attempts: letter.attempts + 1, history: [...(letter.history ?? []), attempt] }, keys);
  return { status: "failed", detail: `${reason}: ${message}${omitted}`, letter: kept, quarantined };
}

/** The function a letter runs through: its writer's folder, else its platform's catch-all function. */
export function functionForLetter(letter: Pick<DeadLetter, "function" | "platform">, specs: FunctionSpecs): string | undefined {
  return functionOf(letter.function, letter.platform, specs);
}

/** The writer's folder (its runtime name, possibly with a deploy prefix), else the platform's catch-all function. */
function functionOf(writer: string | undefined, platform: string, specs: FunctionSpecs): string | undefined {
  const known = Object.keys(specs);
  if (writer) {
    // Longest first: "prod-tencent-live-battle-end" is tencent-live-battle-end, not tencent-live.
    const byLength = [...known].sort((a, b) => b.length - a.length);
    const match = byLength.find((name) => writer === name || writer.endsWith(`-${name}`) || writer.endsWith(`_${name}`));
    if (match) return match;
  }
  // The function that passes on every callback of the platform (its one URL), else its only one, as the specs say.
  const own = known.filter((name) => specs[name]!.platform.name === platform);
  return own.find((name) => specs[name]!.passUnknown) ?? (own.length === 1 ? own[0] : undefined);
}
