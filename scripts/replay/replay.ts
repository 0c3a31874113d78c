import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { AnyCallback } from "../../shared/core/callback";
import type { Env } from "../../shared/core/config";
import type { Logger } from "../../shared/core/log";
import type { Outcome } from "../../shared/core/outcome";
import { restoreRequest } from "../../shared/delivery/dead-letter/record";
import type { DeadLetterStore } from "../../shared/delivery/dead-letter/store";
import type { Delivery } from "../../shared/delivery/from-env";
import { createProcessor, type FunctionSpec, type Processor } from "../../shared/function";
import type { LetterSource, StoredLetter } from "./letters";

type AnySpec = FunctionSpec<any, any, readonly AnyCallback[]>;

export type ReplayStatus = "delivered" | "already delivered" | "in progress" | "failed" | "skipped";

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
  readonly functionsDir?: string;
}

/** The function that serves every callback of a platform: where a letter goes when its writer is unknown. */
const CATCH_ALL: Readonly<Record<string, string>> = { "tencent-live": "tencent-live", sud: "sud-notify", yuanjing: "yuanjing-session-lifecycle" };

/**
 * Replays dead letters through the function that received them, exactly as received: the stored
 * request is authenticated again (at its original time, so timestamp windows pass but a forged or
 * altered letter does not), validated with today's schemas, claimed in the same dedupe, and
 * delivered to the same targets. A letter already delivered since is acknowledged, not delivered again.
 */
export async function replay(letters: readonly StoredLetter[], options: ReplayOptions): Promise<ReplayResult[]> {
  const functionsDir = options.functionsDir ?? resolve("functions");
  const known = readdirSync(functionsDir);
  // Replay answers as the function did at receipt: its clock reads the original time, running on from there.
  let shift = 0;
  const now = () => Date.now() + shift;
  let outcome: Outcome | undefined;
  // A failure during replay writes no second letter: the one being replayed is kept instead.
  const deadLetters: DeadLetterStore = { keep: async () => "the replayed letter" };
  const processors = new Map<string, Processor>();

  async function processorFor(name: string): Promise<Processor> {
    let processor = processors.get(name);
    if (!processor) {
      const module = (await import(pathToFileURL(resolve(functionsDir, name, "index.ts")).href)) as { handler: { spec: AnySpec } };
      processor = createProcessor(module.handler.spec, {
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
  for (const { id, letter } of letters) {
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
    results.push(await settle(id, letter, name, outcome, options.source));
  }
  await Promise.all([...processors.values()].map((p) => p.close()));
  return results;
}

async function settle(
  id: string,
  letter: StoredLetter["letter"],
  name: string,
  outcome: Outcome | undefined,
  source: LetterSource,
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
  const keptAs = await source.replace(id, { ...letter, reason, message, attempts: letter.attempts + 1, at: new Date().toISOString() });
  return { id, status: "failed", detail: `${reason}: ${message}`, keptAs };
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
