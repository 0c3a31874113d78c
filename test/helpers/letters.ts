/**
 * Dead letters as the functions really write them (a function whose target fails, its log lines
 * parsed back as a log service would keep them), and an in-memory letter source that records what
 * replay did to each letter.
 */
import type { Env } from "../../shared/core/config";
import type { InboundRequest } from "../../shared/core/inbound";
import type { DeadLetter } from "../../shared/delivery/dead-letter/record";
import { createProcessor } from "../../shared/function";
import type { LetterSource, StoredLetter } from "../../scripts/replay/letters";
import { captureLog } from "../redis/helpers/capture";
import { type FunctionName, FUNCTION_SPECS } from "./functions";

export { LETTER_KEY, LETTER_KEY_TEXT } from "./requests";
/** Another valid key: letters sealed under LETTER_KEY must not verify under it. */
export const OTHER_LETTER_KEY = Buffer.alloc(32, 9).toString("base64");

export const failingTarget = { name: "backend", send: async () => Promise.reject(new Error("backend down")) };

/** The letters `fn` writes for `requests` when its target fails, as JSON read back from its log. */
export async function lettersFrom(fn: FunctionName, env: Env, requests: readonly InboundRequest[]): Promise<{ letters: DeadLetter[]; logText: string }> {
  const logs = captureLog();
  let clock = 0;
  const processor = createProcessor(FUNCTION_SPECS[fn], { env, log: logs.log, now: () => clock, targets: [failingTarget] });
  for (const req of requests) {
    clock = req.receivedAt;
    await processor(req);
  }
  await processor.close();
  const letters = logs.lines.filter((l) => l.message === "dead letter").map((l) => JSON.parse(JSON.stringify(l.fields!.deadLetter)) as DeadLetter);
  return { letters, logText: logs.text() };
}

export interface MemorySource extends LetterSource {
  readonly removed: string[];
  readonly replaced: Array<{ id: string; letter: DeadLetter }>;
  /** The letters now kept, by id, as JSON round-tripped (as a stream would hold them). */
  readonly kept: Map<string, DeadLetter>;
}

/** Letters kept in memory under ids `m:1`, `m:2`, …; replace gives the new version a new id. */
export function memorySource(letters: readonly DeadLetter[]): MemorySource & { stored: StoredLetter[] } {
  const kept = new Map<string, DeadLetter>();
  let next = 0;
  const add = (letter: DeadLetter) => {
    const id = `m:${++next}`;
    kept.set(id, JSON.parse(JSON.stringify(letter)) as DeadLetter);
    return id;
  };
  for (const letter of letters) add(letter);
  const removed: string[] = [];
  const replaced: Array<{ id: string; letter: DeadLetter }> = [];
  return {
    name: "memory",
    kept,
    removed,
    replaced,
    stored: [...kept.entries()].map(([id, letter]) => ({ id, letter })),
    async list() {
      return { letters: [...kept.entries()].map(([id, letter]) => ({ id, letter })), unreadable: 0 };
    },
    async remove(id) {
      removed.push(id);
      kept.delete(id);
    },
    async replace(id, letter) {
      replaced.push({ id, letter });
      kept.delete(id);
      return add(letter);
    },
  };
}
