import { readFileSync } from "node:fs";
import type { Redis } from "ioredis";
import type { DeadLetter } from "../../shared/delivery/dead-letter/record";
import { toJson } from "../../shared/delivery/wire";
import { letterInLine } from "./log-line";

/** A dead letter and where it is kept: a stream entry id, or `log:<line>` for one read from a log file. */
export interface StoredLetter {
  readonly id: string;
  readonly letter: DeadLetter;
}

/** The letters a source holds, and how many entries or lines it could not read as one. */
export interface Listing {
  readonly letters: StoredLetter[];
  readonly unreadable: number;
}

/** Where replay reads dead letters from, and how it settles them. */
export interface LetterSource {
  readonly name: string;
  list(): Promise<Listing>;
  /** Delivered: the letter goes. */
  remove(id: string): Promise<void>;
  /** Still undelivered: the letter is kept with the attempt recorded; returns its new id. */
  replace(id: string, letter: DeadLetter): Promise<string>;
}

const PAGE = 500;

/** The dead-letter stream the functions write (DEAD_LETTER_STREAM). */
export function streamLetters(redis: Redis, stream: string): LetterSource {
  return {
    name: `Redis stream ${stream}`,
    async list() {
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
    },
    async remove(id) {
      await redis.xdel(stream, id);
    },
    async replace(id, letter) {
      const added = await redis.xadd(stream, "*", "kind", letter.kind, "reason", letter.reason, "letter", toJson(letter));
      await redis.xdel(stream, id);
      return added ?? id;
    },
  };
}

/**
 * Dead letters written to the log (no Redis): the lines holding a JSON object whose `msg` is
 * "dead letter", from the functions' output, the emulator's, or a log service's export (log-line.ts).
 * A log cannot be edited, so settling them only reports; the caller says so.
 */
export function logLetters(file: string): LetterSource {
  return {
    name: `log file ${file}`,
    async list() {
      const letters: StoredLetter[] = [];
      let unreadable = 0;
      readFileSync(file, "utf8")
        .split(/\r?\n/)
        .forEach((line, index) => {
          const found = letterInLine(line);
          if (found === "unreadable") unreadable++;
          else if (found) letters.push({ id: `log:${index + 1}`, letter: found });
        });
      return { letters, unreadable };
    },
    async remove() {},
    async replace(id) {
      return id;
    },
  };
}

function parseLetter(text: string | undefined): DeadLetter | undefined {
  if (text === undefined) return undefined;
  try {
    const letter = JSON.parse(text) as DeadLetter | null;
    return typeof letter === "object" && letter !== null && typeof letter.request === "object" ? letter : undefined;
  } catch {
    return undefined;
  }
}

function fieldOf(fields: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}
