import { readFileSync } from "node:fs";
import type { Redis } from "ioredis";
import type { LetterSource, StoredLetter } from "../../shared/redrive/source";
import { DeadLetterStream } from "../../shared/redrive/stream";
import { letterInLine } from "./log-line";

export type { LetterSource, Listing, StoredLetter } from "../../shared/redrive/source";

/** How long `npm run replay` holds a letter while it replays it: far longer than one replay takes. */
const HOLD_MS = 30_000;

/** The dead-letter stream the functions write (DEAD_LETTER_STREAM), with the redrive's due set beside it. */
export function streamLetters(redis: Redis, stream: string): LetterSource {
  return new DeadLetterStream(redis, stream, HOLD_MS).source();
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
