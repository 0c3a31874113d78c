import type { DeadLetter } from "../delivery/dead-letter/record";

/** A dead letter and where it is kept: a stream entry id, or `log:<line>` for one read from a log file. */
export interface StoredLetter {
  readonly id: string;
  readonly letter: DeadLetter;
  /** When the redrive takes it next (epoch ms), as the due set says; absent when it is not scheduled (yet). */
  readonly dueAt?: number;
  /** Kept out of the redrive: it failed too often, or for too long, and waits for a person. */
  readonly parked?: boolean;
}

/** The letters a source holds, and how many entries or lines it could not read as one. */
export interface Listing {
  readonly letters: StoredLetter[];
  readonly unreadable: number;
}

/**
 * Where replay and the redrive read dead letters from, and how they settle them. A source shared by
 * several runs (the Redis stream) holds each letter while it is replayed, so that two runs never
 * settle one letter twice; a log file or a test's memory holds nothing (the optional methods).
 */
export interface LetterSource {
  readonly name: string;
  list(): Promise<Listing>;
  /**
   * Holds the letter for this run and reads it as it is now; "held" when another run holds it,
   * "gone" when it was settled meanwhile. Without it, the listed letter is used as it is.
   */
  hold?(id: string): Promise<StoredLetter | "held" | "gone">;
  /** Delivered: the letter goes. */
  remove(id: string): Promise<void>;
  /** Still undelivered: kept with the attempt recorded, due again at `dueAt` when given; returns its new id. */
  replace(id: string, letter: DeadLetter, dueAt?: number): Promise<string>;
  /**
   * Failed too often or for too long: moved out of the due set, kept whole; returns its id among the
   * parked, or undefined when this run no longer holds it (another run took it, and settles it).
   */
  park?(id: string, letter: DeadLetter): Promise<string | undefined>;
  /** Let go unsettled (another request is delivering it, or it was not tried), due again at `dueAt` when given. */
  release?(id: string, dueAt?: number): Promise<void>;
}
