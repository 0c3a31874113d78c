import { PLATFORM_TOOLING } from "../../shared/platforms/tooling";
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AnyCallback } from "../../shared/core/callback";
import { ConfigError, type Env } from "../../shared/core/config";
import type { Logger } from "../../shared/core/log";
import type { Outcome } from "../../shared/core/outcome";
import { type DeadLetter, restoreRequest } from "../../shared/delivery/dead-letter/record";
import { checkLetter, type LetterCheck, sealLetter } from "../../shared/delivery/dead-letter/seal";
import type { DeadLetterStore } from "../../shared/delivery/dead-letter/store";
import type { Delivery } from "../../shared/delivery/from-env";
import { createProcessor, type FunctionSpec, type Processor } from "../../shared/function";
import { isDevDefault } from "../dev-credentials";
import type { LetterSource, StoredLetter } from "./letters";

type AnySpec = FunctionSpec<any, any, readonly AnyCallback[]>;

/** `refused`: the letter is not what the functions kept (its MAC fails, or it has none); it is left as it is. */
export type ReplayStatus = "delivered" | "already delivered" | "in progress" | "failed" | "skipped" | "refused";

export interface ReplayResult {
  readonly id: string;
  readonly status: ReplayStatus;
  readonly detail: string;
  /** The letter's id after a failed replay re-kept it with one more attempt. */
  readonly keptAs?: string;
}

export interface ReplayOptions {
  readonly env: Env;
  readonly log: Logger;
  /** The same dedupe and targets the functions use (deliveryFromEnv with the functions' env). */
  readonly delivery: Delivery;
  readonly source: LetterSource;
  /** Run every letter through this function instead of the one that wrote it. */
  readonly functionName?: string;
  /** Replay letters older than the dedupe memory, which can no longer prove they were not delivered since. */
  readonly force?: boolean;
  /** Replay letters that carry no MAC (kept while DEAD_LETTER_KEY was unset); a MAC that fails is never let through. */
  readonly insecure?: boolean;
  readonly functionsDir?: string;
}

/** Replay cannot run as configured; nothing was touched. The message is one line. */
export class ReplayStopped extends Error {}

const FUNCTIONS_DIR = fileURLToPath(new URL("../../functions", import.meta.url));

/** The function that serves every callback of a platform: where a letter goes when its writer is unknown. */
const CATCH_ALL: Readonly<Record<string, string>> = Object.fromEntries(PLATFORM_TOOLING.map((t) => [t.platform.name, t.oneUrlFunction]));

/**
 * Replays dead letters through the function that received them, exactly as received. A letter's MAC
 * must verify under DEAD_LETTER_KEY first (else it is refused and left as it is); then the stored
 * request is authenticated again (at its original time, so timestamp windows pass), validated with
 * today's schemas, claimed in the same dedupe, and delivered to the same targets. A letter already
 * delivered since is acknowledged, not delivered again. Throws a ReplayStopped, before touching any
 * letter, when the key is missing or a function the letters need is misconfigured.
 */
export async function replay(letters: readonly StoredLetter[], options: ReplayOptions): Promise<ReplayResult[]> {
  const functionsDir = options.functionsDir ?? FUNCTIONS_DIR;
  const known = readdirSync(functionsDir);
  const keys = options.delivery.settings.deadLetterKeys;
  if (keys.length === 0 && !options.insecure) {
    throw new ReplayStopped("DEAD_LETTER_KEY is not set: replay cannot prove a letter unaltered; set the functions' key, or pass --insecure to replay letters without a MAC");
  }
  if (options.functionName && !known.includes(options.functionName)) throw new ReplayStopped(`no function ${options.functionName} in ${functionsDir}`);
  // Replay answers as the function did at receipt: its clock reads the original time, running on from there.
  let shift = 0;
  const now = () => Date.now() + shift;
  let outcome: Outcome | undefined;
  // A failure during replay writes no second letter: the one being replayed is kept instead.
  const deadLetters: DeadLetterStore = { keep: async () => "the replayed letter" };
  const processors = new Map<string, Processor>();

  const specs = new Map<string, AnySpec>();
  async function specOf(name: string): Promise<AnySpec> {
    let spec = specs.get(name);
    if (!spec) {
      spec = ((await import(pathToFileURL(resolve(functionsDir, name, "index.ts")).href)) as { handler: { spec: AnySpec } }).handler.spec;
      specs.set(name, spec);
    }
    return spec;
  }

  // Every function the sound letters need must read its settings: a wrong setting would otherwise
  // refuse each letter in turn and record that as an attempt.
  const checks = letters.map(({ letter }) => checkLetter(letter, keys));
  const sound = letters.filter((_, i) => !integrityProblem(checks[i]!, keys.length > 0, options));
  for (const name of new Set(sound.map(({ letter }) => options.functionName ?? functionOf(letter.function, letter.platform, known)))) {
    if (!name) continue;
    try {
      (await specOf(name)).platform.loadConfig(options.env);
    } catch (error) {
      throw new ReplayStopped(`${name} is misconfigured: ${error instanceof ConfigError ? error.message : "its configuration could not be read"}`);
    }
  }

  async function processorFor(name: string): Promise<Processor> {
    let processor = processors.get(name);
    if (!processor) {
      processor = createProcessor(await specOf(name), {
        env: options.env,
        log: options.log,
        now,
        dedupe: options.delivery.dedupe,
        nonces: options.delivery.nonces,
        targets: options.delivery.targets,
        deadLetters,
        observe: (o) => void (outcome = o),
      });
      processors.set(name, processor);
    }
    return processor;
  }

  const results: ReplayResult[] = [];
  for (const [i, { id, letter }] of letters.entries()) {
    const check = checks[i]!;
    const unfit = integrityProblem(check, keys.length > 0, options);
    if (unfit) {
      results.push({ id, status: "refused", detail: `${unfit}; left as it is` });
      continue;
    }
    const age = Date.now() - letter.request.receivedAt;
    if (age > options.delivery.settings.completedTtlMs && !options.force) {
      results.push({ id, status: "skipped", detail: "older than the dedupe memory (DEDUPE_TTL_HOURS): cannot prove it was not delivered since; use --force" });
      continue;
    }
    const name = options.functionName ?? functionOf(letter.function, letter.platform, known);
    if (!name) {
      results.push({ id, status: "skipped", detail: `no function serves platform ${letter.platform}; use --function` });
      continue;
    }
    outcome = undefined;
    shift = letter.request.receivedAt - Date.now();
    await (await processorFor(name))(restoreRequest(letter.request));
    // A letter that was sealed is kept sealed; one replayed unchecked (--insecure) is not given a MAC.
    results.push(await settle(id, letter, name, outcome, options.source, check === "verified" ? keys : []));
  }
  await Promise.all([...processors.values()].map((p) => p.close()));
  return results;
}

/** Why a letter may not be replayed as it is, or undefined when it may. */
function integrityProblem(check: LetterCheck, keyed: boolean, options: ReplayOptions): string | undefined {
  const devKey = isDevDefault("DEAD_LETTER_KEY", options.env.DEAD_LETTER_KEY) ? " (DEAD_LETTER_KEY is the development default)" : "";
  if (check === "mismatch" && !keyed) return "it carries a MAC, and DEAD_LETTER_KEY is not set to check it";
  if (check === "mismatch") return `its MAC does not verify under DEAD_LETTER_KEY${devKey}: altered since it was kept, or kept under another key`;
  if (check === "unsealed" && !options.insecure) {
    return "it carries no MAC: kept while DEAD_LETTER_KEY was unset, or its MAC was removed; --insecure replays it unchecked";
  }
  return undefined;
}

async function settle(
  id: string,
  letter: DeadLetter,
  name: string,
  outcome: Outcome | undefined,
  source: LetterSource,
  keys: readonly Buffer[],
): Promise<ReplayResult> {
  if (outcome?.kind === "accepted" || outcome?.kind === "duplicate") {
    await source.remove(id);
    return { id, status: outcome.kind === "accepted" ? "delivered" : "already delivered", detail: `${letter.callback ?? "?"} via ${name}` };
  }
  if (outcome?.kind === "refused" && outcome.reason === "in_progress") {
    return { id, status: "in progress", detail: "another request is delivering it now; replay again later" };
  }
  const message = outcome?.kind === "refused" ? outcome.message : "no outcome";
  const reason = outcome?.kind === "refused" ? outcome.reason : letter.reason;
  const omitted = letter.request.omittedHeaders?.length
    ? ` (the letter left out the credential headers ${letter.request.omittedHeaders.join(", ")} that its signature covers: it cannot verify again)`
    : "";
  // The first reason stays; each failed replay is added to the history.
  const attempt = { at: new Date().toISOString(), reason, message };
  const kept = sealLetter({ ...letter, attempts: letter.attempts + 1, history: [...(letter.history ?? []), attempt] }, keys);
  const keptAs = await source.replace(id, kept);
  return { id, status: "failed", detail: `${reason}: ${message}${omitted}`, keptAs };
}

/** The writer's folder (its runtime name, possibly with a deploy prefix), else the platform's catch-all function. */
function functionOf(writer: string | undefined, platform: string, known: readonly string[]): string | undefined {
  if (writer) {
    // Longest first: "prod-tencent-live-battle-end" is tencent-live-battle-end, not tencent-live.
    const byLength = [...known].sort((a, b) => b.length - a.length);
    const match = byLength.find((name) => writer === name || writer.endsWith(`-${name}`) || writer.endsWith(`_${name}`));
    if (match) return match;
  }
  const fallback = CATCH_ALL[platform];
  return fallback && known.includes(fallback) ? fallback : undefined;
}
