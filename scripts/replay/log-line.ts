import type { DeadLetter } from "../../shared/delivery/dead-letter/record";

/**
 * Finds the dead letter in one line of a log, wherever its JSON sits: alone (the functions' own
 * output), after a prefix (FC's `2026-11-21T19:45:05Z c-123 [error] {…}`, CloudWatch's time and
 * stream, the emulator's `    fc tencent-live │ {…}`), or quoted inside a log service's export
 * (`{"__time__":…,"message":"… {\"msg\":\"dead letter\",…}"}`).
 * Undefined: the line is about something else. "unreadable": it mentions a dead letter, none could be read.
 */
export function letterInLine(line: string): DeadLetter | "unreadable" | undefined {
  if (!line.includes("dead letter")) return undefined;
  return letterInText(line, 0) ?? "unreadable";
}

/** Objects tried per text, and how deep quoted lines are followed: a line costs a few passes at most. */
const MAX_OBJECTS = 8;
const MAX_QUOTING = 2;

function letterInText(text: string, quoting: number): DeadLetter | undefined {
  let from = text.indexOf("{");
  for (let tried = 0; from !== -1 && tried < MAX_OBJECTS; tried++) {
    const found = objectAt(text, from);
    // No balanced object from here: the line was cut short, and every later brace is inside it.
    if (!found) return undefined;
    const letter = letterIn(found.value, quoting);
    if (letter) return letter;
    from = text.indexOf("{", found.end);
  }
  return undefined;
}

/** The JSON object starting at `start`, and the index just past it; undefined when it is not one. */
function objectAt(text: string, start: number): { value: unknown; end: number } | undefined {
  // Most lines end with their JSON: one parse.
  try {
    return { value: JSON.parse(text.slice(start)), end: text.length };
  } catch {
    // Something follows it, or it is not JSON: find where the object closes.
  }
  const end = closingBrace(text, start);
  if (end === undefined) return undefined;
  try {
    return { value: JSON.parse(text.slice(start, end + 1)), end: end + 1 };
  } catch {
    return { value: undefined, end: end + 1 };
  }
}

function closingBrace(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return undefined;
}

function letterIn(value: unknown, quoting: number): DeadLetter | undefined {
  if (!isRecord(value)) return undefined;
  if (value.msg === "dead letter") {
    const letter = typeof value.deadLetter === "string" ? parsed(value.deadLetter) : value.deadLetter;
    if (isRecord(letter) && isRecord(letter.request) && typeof letter.request.body === "string") return letter as unknown as DeadLetter;
    return undefined;
  }
  if (quoting >= MAX_QUOTING) return undefined;
  // A log service's export: the function's line is a string field of the exported record.
  for (const field of Object.values(value)) {
    if (typeof field === "string" && field.includes("dead letter")) {
      const letter = letterInText(field, quoting + 1);
      if (letter) return letter;
    }
  }
  return undefined;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
