// The floor's JSON rules, the product's rules (shared/core/json.ts) written plainly: nesting at most 64
// levels, a key twice in one object refused, integers beyond 2^53 kept as bigints with every digit.
// One scan counts the keys and depth and quotes each long bare integer with a marker; JSON.parse
// parses; one walk turns marked strings back into bigints and counts the keys JSON.parse kept: fewer
// than the scan saw means a key came twice.
export const MAX_DEPTH = 64;
const _MARK = "\u0000";

export type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

export function parseJson(text: string): Parsed {
  let depth = 0;
  let keys = 0;
  let marked = "";
  let from = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // A string: skip to its closing quote; a key when a colon follows.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === 34) break;
        else j++;
      }
      i = j;
      let k = j + 1;
      while (k < n && text.charCodeAt(k) <= 32) k++;
      if (text.charCodeAt(k) === 58) keys++;
    } else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) return { ok: false, problem: `nested deeper than ${MAX_DEPTH} levels` };
    } else if (c === 125 || c === 93) depth--;
    else if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) j++;
        else break;
      }
      const token = text.slice(i, j);
      if (j - i >= 16 && /^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
        marked += `${text.slice(from, i)}"\\u0000${token}"`; // parses to MARK + digits
        from = j;
      }
      i = j - 1;
    }
  }
  // The marker must be unambiguous: a body with both a long integer and an escaped NUL is refused (the product picks a random marker).
  if (from !== 0 && text.includes("\\u0000")) return { ok: false, problem: "holds \\u0000" };
  let value: unknown;
  try {
    value = JSON.parse(from === 0 ? text : marked + text.slice(from));
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  const kept = { keys: 0 };
  value = walk(value, kept);
  return kept.keys === keys ? { ok: true, value } : { ok: false, problem: "has a key twice in one object" };
}

function walk(value: unknown, kept: { keys: number }): unknown {
  if (typeof value === "string") return value.charCodeAt(0) === 0 ? BigInt(value.slice(1)) : value;
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = walk(value[i], kept);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    kept.keys++;
    const item = record[key];
    if (typeof item === "object" || (typeof item === "string" && item.charCodeAt(0) === 0)) record[key] = walk(item, kept);
  }
  return value;
}
