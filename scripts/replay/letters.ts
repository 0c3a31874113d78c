import { readFileSync } from "node:fs";
import type { Redis } from "ioredis";
import type { DeadLetter } from "../../shared/delivery/dead-letter/record";
import { toJson } from "../../shared/delivery/wire";

/** A dead letter and where it is kept: a stream entry id, or `log:<line>` for one read from a log file. */
export interface StoredLetter {
  readonly id: string;
  readonly letter: DeadLetter;
}

/** Where replay reads dead letters from, and how it settles them. */
export interface LetterSource {
  readonly name: string;
  list(): Promise<StoredLetter[]>;
  /** Delivered: the letter goes. */
  remove(id: string): Promise<void>;
  /** Still undelivered: the letter is kept with its new attempt count; returns its new id. */
  replace(id: string, letter: DeadLetter): Promise<string>;
}

const PAGE = 500;

/** The dead-letter stream the functions write (DEAD_LETTER_STREAM). */
export function streamLetters(redis: Redis, stream: string): LetterSource {
  return {
    name: `Redis stream ${stream}`,
    async list() {
      const letters: StoredLetter[] = [];
      let from = "-";
      for (;;) {
        const page = await redis.xrange(stream, from, "+", "COUNT", PAGE);
        for (const [id, fields] of page) {
          const text = fieldOf(fields, "letter");
          if (text !== undefined) letters.push({ id, letter: JSON.parse(text) as DeadLetter });
        }
        if (page.length < PAGE) return letters;
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
 * Dead letters written to the log (no Redis): the JSON lines whose `msg` is "dead letter". A log
 * cannot be edited, so settling them only reports; the caller says so.
 */
export function logLetters(file: string): LetterSource {
  return {
    name: `log file ${file}`,
    async list() {
      const letters: StoredLetter[] = [];
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, index) => {
          if (!line.includes('"dead letter"')) return;
          try {
            const parsed = JSON.parse(line) as { msg?: string; deadLetter?: DeadLetter };
            if (parsed.msg === "dead letter" && parsed.deadLetter) letters.push({ id: `log:${index + 1}`, letter: parsed.deadLetter });
          } catch {
            // Not a JSON line: some other output in the same file.
          }
        });
      return letters;
    },
    async remove() {},
    async replace(id) {
      return id;
    },
  };
}

function fieldOf(fields: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}
