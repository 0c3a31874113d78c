import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { DeadLetter, LetterAttempt } from "../delivery/dead-letter/record";
import { letterJson } from "../delivery/wire";
import { backoffMs, parkAt } from "./policy";
import { HOLD, INDEX, PARK, RELEASE, REMOVE, REPLACE, TAKE } from "./scripts";
import type { RedriveSettings } from "./settings";
import type { LetterSource, Listing, StoredLetter } from "./source";

/**
 * Where the redrive keeps its state, beside the dead-letter stream the functions write: the due set
 * (member: entry id, score: when it is due, epoch ms), the last entry indexed into it, the hold on
 * each letter being replayed, the parked letters, and the schema fingerprints of the last run.
 */
export function redriveKeys(stream: string) {
  return {
    stream,
    due: `${stream}:due`,
    indexed: `${stream}:indexed`,
    parked: `${stream}:parked`,
    schemas: `${stream}:schemas`,
    hold: (of: string, id: string) => `${of}:hold:${id}`,
  };
}

/** A letter taken from the due set whose entry does not hold one (not JSON): parked as it is. */
export interface Unreadable {
  readonly id: string;
  readonly unreadable: true;
}

const PAGE = 500;

/**
 * The dead-letter stream with its due set, shared by every redrive run and `npm run replay`. Holds are
 * this object's: each hold's token is kept here until the letter is settled, so one object serves one run.
 */
export class DeadLetterStream {
  readonly keys: ReturnType<typeof redriveKeys>;
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly redis: Redis,
    stream: string,
    /** How long a hold lasts: longer than one letter's replay, short enough that a killed run's letters come back soon. */
    private readonly holdMs: number,
  ) {
    this.keys = redriveKeys(stream);
  }

  /** Makes every letter the functions wrote since the last run due: after the backoff from its last attempt. */
  async index(settings: RedriveSettings, random?: () => number): Promise<number> {
    const cursor = await this.redis.get(this.keys.indexed);
    let from = cursor ? `(${cursor}` : "-";
    let indexed = 0;
    for (;;) {
      const page = await this.redis.xrange(this.keys.stream, from, "+", "COUNT", PAGE);
      if (page.length === 0) return indexed;
      const pairs = page.flatMap(([id, fields]) => [id, String(dueAtOf(parseLetter(fieldOf(fields, "letter")), settings, random))]);
      const last = page[page.length - 1]![0];
      await this.redis.eval(INDEX, 3, this.keys.due, this.keys.stream, this.keys.indexed, last, ...pairs);
      indexed += page.length;
      if (page.length < PAGE) return indexed;
      from = `(${last}`;
    }
  }

  /** Holds the next letter due by `before` that no other run holds; undefined when none is. */
  async take(before: number): Promise<StoredLetter | Unreadable | undefined> {
    const token = randomUUID();
    const { due, stream } = this.keys;
    const taken = (await this.redis.eval(TAKE, 2, due, stream, before, `${stream}:hold:`, token, this.holdMs)) as [string, string[]] | null;
    if (!taken) return undefined;
    const [id, fields] = taken;
    this.tokens.set(id, token);
    const letter = parseLetter(fieldOf(fields, "letter"));
    return letter ? { id, letter } : { id, unreadable: true };
  }

  /** Brings quarantined letters forward whose function's schemas changed since the last run; how many. */
  async bringForward(current: ReadonlyMap<string, string>, functionOf: (letter: DeadLetter) => string | undefined, now: number): Promise<number> {
    const known = await this.redis.hgetall(this.keys.schemas);
    const changed = new Map([...current].filter(([fn, fingerprint]) => known[fn] !== fingerprint));
    if (changed.size === 0) return 0;
    let brought = 0;
    let from = "-";
    for (;;) {
      const page = await this.redis.xrange(this.keys.stream, from, "+", "COUNT", PAGE);
      for (const [id, fields] of page) {
        const letter = parseLetter(fieldOf(fields, "letter"));
        const refusedBy = letter && lastAttempt(letter)?.schemas;
        const fn = refusedBy && functionOf(letter!);
        if (!fn || !changed.has(fn) || refusedBy === changed.get(fn)) continue;
        // XX: only a letter that is due at all (not settled, not taken out) comes forward.
        brought += Number(await this.redis.zadd(this.keys.due, "XX", "CH", now, id));
      }
      if (page.length < PAGE) break;
      from = `(${page[page.length - 1]![0]}`;
    }
    await this.redis.hset(this.keys.schemas, Object.fromEntries(changed));
    return brought;
  }

  /** Letters still to be redriven: due now or later. */
  async dueCount(): Promise<number> {
    return this.redis.zcard(this.keys.due);
  }

  /** Parks a letter whose entry holds no readable letter, its fields as they were. */
  async parkUnreadable(id: string): Promise<string | undefined> {
    const [entry] = await this.redis.xrange(this.keys.stream, id, id);
    const fields = entry?.[1] ?? [];
    return this.parkText(id, fieldOf(fields, "kind") ?? "unknown", fieldOf(fields, "reason") ?? "unknown", fieldOf(fields, "letter") ?? "");
  }

  /** The dead-letter stream as replay and the redrive settle letters in it: due again, or parked. */
  source(): LetterSource {
    const { keys, redis } = this;
    return {
      name: `Redis stream ${keys.stream}`,
      list: async () => {
        const listing = await listStream(redis, keys.stream);
        const scores = new Map<string, number>();
        const flat = await redis.zrange(keys.due, "0", "-1", "WITHSCORES");
        for (let i = 0; i + 1 < flat.length; i += 2) scores.set(flat[i]!, Number(flat[i + 1]));
        return { ...listing, letters: listing.letters.map((l) => (scores.has(l.id) ? { ...l, dueAt: scores.get(l.id) } : l)) };
      },
      hold: (id) => this.hold(keys.stream, id),
      remove: async (id) => {
        await redis.eval(REMOVE, 3, keys.due, keys.stream, keys.hold(keys.stream, id), id, this.settled(id) ?? "");
      },
      replace: async (id, letter, dueAt) => {
        const token = this.settled(id) ?? "";
        const hold = keys.hold(keys.stream, id);
        const added = await redis.eval(REPLACE, 3, keys.due, keys.stream, hold, id, token, dueAt ?? "", letter.kind, letter.reason, letterJson(letter));
        return typeof added === "string" ? added : id;
      },
      park: (id, letter) => this.parkText(id, letter.kind, letter.reason, letterJson(letter)),
      release: async (id, dueAt) => {
        await redis.eval(RELEASE, 2, keys.due, keys.hold(keys.stream, id), id, this.settled(id) ?? "", dueAt ?? "");
      },
    };
  }

  /** The parked letters, replayed by hand: delivered ones go, failed ones stay parked with the attempt recorded. */
  parkedSource(): LetterSource {
    const { keys, redis } = this;
    // Never a due set: a parked letter is not redriven.
    const noDue = `${keys.parked}:no-due`;
    return {
      name: `Redis stream ${keys.parked}`,
      list: async () => {
        const listing = await listStream(redis, keys.parked);
        return { ...listing, letters: listing.letters.map((l) => ({ ...l, parked: true })) };
      },
      hold: (id) => this.hold(keys.parked, id),
      remove: async (id) => {
        await redis.eval(REMOVE, 3, noDue, keys.parked, keys.hold(keys.parked, id), id, this.settled(id) ?? "");
      },
      replace: async (id, letter) => {
        const token = this.settled(id) ?? "";
        const hold = keys.hold(keys.parked, id);
        const added = await redis.eval(REPLACE, 3, noDue, keys.parked, hold, id, token, "", letter.kind, letter.reason, letterJson(letter));
        return typeof added === "string" ? added : id;
      },
      release: async (id) => {
        await redis.eval(RELEASE, 2, noDue, keys.hold(keys.parked, id), id, this.settled(id) ?? "", "");
      },
    };
  }

  private async hold(stream: string, id: string): Promise<StoredLetter | "held" | "gone"> {
    const token = randomUUID();
    const held = (await this.redis.eval(HOLD, 2, stream, this.keys.hold(stream, id), id, token, this.holdMs)) as string | string[];
    if (typeof held === "string") return held === "held" ? "held" : "gone";
    this.tokens.set(id, token);
    const letter = parseLetter(fieldOf(held, "letter"));
    // Held but not a letter: let it go, as listing already counted it unreadable.
    if (!letter) {
      await this.redis.eval(RELEASE, 2, `${stream}:no-due`, this.keys.hold(stream, id), id, this.settled(id) ?? "", "");
      return "gone";
    }
    return { id, letter };
  }

  private async parkText(id: string, kind: string, reason: string, text: string): Promise<string | undefined> {
    const { keys } = this;
    const hold = keys.hold(keys.stream, id);
    const parked = await this.redis.eval(PARK, 4, keys.due, keys.stream, hold, keys.parked, id, this.settled(id) ?? "", kind, reason, text);
    return typeof parked === "string" ? parked : undefined;
  }

  /** The token of this object's hold on a letter, given up as the letter is settled. */
  private settled(id: string): string | undefined {
    const token = this.tokens.get(id);
    this.tokens.delete(id);
    return token;
  }
}

/** When a letter not yet scheduled is first due: the backoff from its last attempt; a quarantine waits for new schemas. */
function dueAtOf(letter: DeadLetter | undefined, settings: RedriveSettings, random?: () => number): number {
  const now = Date.now();
  if (!letter) return now;
  const last = lastAttempt(letter);
  const lastAt = Date.parse(String(last?.at ?? letter.at));
  const limit = parkAt(letter, settings);
  const from = Number.isFinite(lastAt) ? lastAt : now;
  const due = last?.schemas ? limit : Math.min(limit, from + backoffMs(Number(letter.attempts) || 1, settings, random));
  // A letter whose times cannot be read is due now: taking it shows what it is.
  return Number.isFinite(due) ? due : now;
}

function lastAttempt(letter: DeadLetter): LetterAttempt | undefined {
  return Array.isArray(letter.history) ? letter.history.at(-1) : undefined;
}

async function listStream(redis: Redis, stream: string): Promise<Listing> {
  const letters: StoredLetter[] = [];
  let unreadable = 0;
  let from = "-";
  for (;;) {
    const page = await redis.xrange(stream, from, "+", "COUNT", PAGE);
    for (const [id, fields] of page) {
      const letter = parseLetter(fieldOf(fields, "letter"));
      if (letter) letters.push({ id, letter });
      else unreadable++;
    }
    if (page.length < PAGE) return { letters, unreadable };
    from = `(${page[page.length - 1]![0]}`;
  }
}

function parseLetter(text: string | undefined): DeadLetter | undefined {
  if (text === undefined) return undefined;
  try {
    const letter = JSON.parse(text) as DeadLetter | null;
    return typeof letter === "object" && letter !== null && typeof letter.request === "object" && letter.request !== null ? letter : undefined;
  } catch {
    return undefined;
  }
}

function fieldOf(fields: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}
