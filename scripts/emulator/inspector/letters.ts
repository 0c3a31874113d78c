/**
 * The local functions' dead letters for the page: the Redis stream when REDIS_URL is set, else the
 * emulator's own log of the letters its functions wrote. Listed and replayed with replay's own functions.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import type { Logger } from "../../../shared/core/log";
import { logLine } from "../../../shared/core/log";
import { checkLetter } from "../../../shared/delivery/dead-letter/seal";
import { type Delivery, deliveryFromEnv } from "../../../shared/delivery/from-env";
import { type LetterSource, logLetters, type StoredLetter, streamLetters } from "../../replay/letters";
import { replay, type ReplayResult } from "../../replay/replay";

type Env = Readonly<Record<string, string | undefined>>;

export interface LetterSummary {
  readonly id: string;
  readonly at: string;
  readonly kind: string;
  readonly reason: string;
  readonly platform: string;
  readonly callback?: string;
  readonly eventId?: string;
  readonly attempts: number;
  readonly message: string;
  readonly last?: string;
  readonly mac: string;
  /** The request it was kept from, to open it in the list while it is still there. */
  readonly requestId?: string;
}

const MAC = { verified: "verified", unsealed: "none", mismatch: "FAILS" } as const;

// Routine lines of a replay would only repeat what its results say; its warnings go to the terminal.
const quiet =
  (out: (line: string) => void): Logger =>
  (level, message, fields) => {
    if (level === "error") out(`    replay │ ${JSON.stringify({ level, msg: message, ...fields })}`);
  };

export class LocalLetters {
  private delivery: Delivery | undefined;

  constructor(
    private readonly env: Env,
    /** Where the emulator appends the dead-letter lines its functions write (used without REDIS_URL). */
    readonly logFile: string,
    private readonly out: (line: string) => void,
  ) {}

  /** Copies a function's dead-letter line to the emulator's letter log. */
  keepLine(line: string): void {
    if (!this.env.REDIS_URL && line.includes('"msg":"dead letter"')) appendFileSync(this.logFile, `${line}\n`);
  }

  async list(): Promise<{ source: string; letters: LetterSummary[]; unreadable: number }> {
    const source = await this.source();
    const keys = this.wiring().settings.deadLetterKeys;
    const { letters, unreadable } = await source.list();
    return { source: source.name, letters: letters.map((stored) => summarise(stored, keys)).reverse(), unreadable };
  }

  async replay(ids: readonly string[] | "all"): Promise<ReplayResult[]> {
    const source = await this.source();
    const { letters } = await source.list();
    const chosen = ids === "all" ? letters : letters.filter((l) => ids.includes(l.id));
    const missing = ids === "all" ? [] : ids.filter((id) => !letters.some((l) => l.id === id));
    const results = await replay(chosen, { env: this.env, log: quiet(this.out), delivery: this.wiring(), source });
    return [...results, ...missing.map((id) => ({ id, status: "skipped" as const, detail: "no such letter (replayed already?)" }))];
  }

  async close(): Promise<void> {
    await this.delivery?.close();
  }

  /** The same dedupe, targets and dead-letter store the functions are configured with. */
  private wiring(): Delivery {
    this.delivery ??= deliveryFromEnv(this.env, quiet(this.out));
    return this.delivery;
  }

  private async source(): Promise<LetterSource> {
    const delivery = this.wiring();
    if (delivery.redis && delivery.settings.redis) return streamLetters(await delivery.redis.client(), delivery.settings.redis.deadLetterStream);
    return emulatorLog(this.logFile);
  }
}

/**
 * The emulator's letter log as a source replay can settle: a log cannot lose a line, so a delivered
 * letter is noted as settled beside it, and one that failed again is appended with its new attempt.
 */
function emulatorLog(file: string): LetterSource {
  const settledFile = `${file}.settled`;
  const settled = () => new Set(existsSync(settledFile) ? readFileSync(settledFile, "utf8").split("\n").filter(Boolean) : []);
  const inner = logLetters(file);
  return {
    name: `the emulator's letter log ${file}`,
    async list() {
      if (!existsSync(file)) return { letters: [], unreadable: 0 };
      const listing = await inner.list();
      const done = settled();
      return { letters: listing.letters.filter((l) => !done.has(l.id)), unreadable: listing.unreadable };
    },
    async remove(id) {
      appendFileSync(settledFile, `${id}\n`);
    },
    async replace(id, letter) {
      const before = existsSync(file) ? readFileSync(file, "utf8").split("\n").length - 1 : 0;
      appendFileSync(file, `${logLine("error", "dead letter", { deadLetter: letter }, { whole: true })}\n`);
      appendFileSync(settledFile, `${id}\n`);
      return `log:${before + 1}`;
    },
  };
}

function summarise({ id, letter }: StoredLetter, keys: readonly Buffer[]): LetterSummary {
  const last = letter.history?.at(-1);
  return {
    id,
    at: letter.at,
    kind: letter.kind,
    reason: letter.reason,
    platform: letter.platform,
    callback: letter.callback,
    eventId: letter.event?.id,
    attempts: letter.attempts,
    message: letter.message,
    last: last ? `${last.reason}: ${last.message}` : undefined,
    mac: keys.length === 0 && letter.mac !== undefined ? "unchecked" : MAC[checkLetter(letter, keys)],
    requestId: letter.request.requestId,
  };
}
