import { createHmac, type Hmac } from "node:crypto";
import { safeEqual } from "../../core/crypto";
import { toJson } from "../wire";
import type { DeadLetter } from "./record";

/**
 * A dead letter's MAC: `v1,<base64 HMAC-SHA256(key, "dead-letter v1\n" + canonical JSON)>` over every
 * field but `mac` itself, computed on the letter as it is stored (written by toJson, read back), so
 * what replay reads verifies exactly when nothing was changed. Tencent's and a direct invocation's
 * own signatures cover little or none of the request; this covers all of it, and the rest of the
 * letter. Replay re-seals a letter when it records a failed attempt (it holds the key too).
 */
const DOMAIN = "dead-letter v1\n";

/** The letter with a MAC under the first key (a rotation lists the new key first); unchanged without keys. */
export function sealLetter(letter: DeadLetter, keys: readonly Buffer[]): DeadLetter {
  const { mac: _, ...content } = letter;
  if (keys.length === 0) return content;
  const [digest] = macs(JSON.parse(toJson(content)), keys.slice(0, 1));
  return { ...content, mac: `v1,${digest}` };
}

/** `verified` under one of the keys; `unsealed` when it carries no MAC; `mismatch` otherwise. */
export type LetterCheck = "verified" | "unsealed" | "mismatch";

export function checkLetter(letter: DeadLetter, keys: readonly Buffer[]): LetterCheck {
  const { mac, ...content } = letter;
  if (mac === undefined) return "unsealed";
  if (typeof mac !== "string" || !mac.startsWith("v1,") || keys.length === 0) return "mismatch";
  const received = mac.slice(3);
  let matched = false;
  for (const expected of macs(content, keys)) matched = safeEqual(expected, received) || matched;
  return matched ? "verified" : "mismatch";
}

/** `DEAD_LETTER_KEY` items: the base64 of at least 32 random bytes. Undefined when the text is not that. */
export function decodeLetterKey(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const key = Buffer.from(text, "base64");
  return key.length >= 32 && key.toString("base64") === text ? key : undefined;
}

/** The base64 HMAC of a JSON value's canonical form under each key, in one pass over the value. */
function macs(value: unknown, keys: readonly Buffer[]): string[] {
  const hmacs = keys.map((key) => createHmac("sha256", key).update(DOMAIN));
  let pending = "";
  canonicalJson(value, (text) => {
    pending += text;
    if (pending.length >= 65_536) pending = flush(hmacs, pending);
  });
  flush(hmacs, pending);
  return hmacs.map((hmac) => hmac.digest("base64"));
}

function flush(hmacs: readonly Hmac[], text: string): string {
  for (const hmac of hmacs) hmac.update(text, "utf8");
  return "";
}

type Step = { readonly text: string } | { readonly value: unknown };

/**
 * Canonical JSON of a parsed JSON value, in pieces: object keys sorted, no spaces, strings and
 * numbers as JSON.stringify writes them. Iterative, so a deeply nested payload cannot overflow the stack.
 */
export function canonicalJson(root: unknown, emit: (text: string) => void): void {
  const steps: Step[] = [{ value: root }];
  while (steps.length > 0) {
    const step = steps.pop()!;
    if ("text" in step) {
      emit(step.text);
      continue;
    }
    const value = step.value;
    if (value === null || typeof value !== "object") {
      emit(JSON.stringify(value) ?? "null");
    } else if (Array.isArray(value)) {
      steps.push({ text: "]" });
      for (let i = value.length - 1; i >= 0; i--) {
        steps.push({ value: value[i] });
        if (i > 0) steps.push({ text: "," });
      }
      steps.push({ text: "[" });
    } else {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      steps.push({ text: "}" });
      for (let i = keys.length - 1; i >= 0; i--) {
        steps.push({ value: record[keys[i]!] });
        steps.push({ text: `${i > 0 ? "," : ""}${JSON.stringify(keys[i])}:` });
      }
      steps.push({ text: "{" });
    }
  }
}
