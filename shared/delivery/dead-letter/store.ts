import type { Logger } from "../../core/log";
import type { DeadLetter } from "./record";

/** Where dead letters go. `keep` never rejects: it says where the letter went ("log" at worst). */
export interface DeadLetterStore {
  keep(letter: DeadLetter): Promise<string>;
}

/**
 * Without Redis: the whole record as one JSON error line, for the log service to keep. Its strings are
 * never cut (the body's bytes are the letter), and a part that cannot be written leaves the rest.
 */
export function logDeadLetters(log: Logger): DeadLetterStore {
  return {
    async keep(letter) {
      log("error", "dead letter", { deadLetter: letter }, { whole: true });
      return "log";
    },
  };
}
