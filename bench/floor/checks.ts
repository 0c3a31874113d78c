// Plain checks of a callback's fields, the way a careful hand-written receiver writes them: each check
// returns the field's value (normalised: ids as their digits) or BAD. An object's check builds a new
// object with the documented fields first, in the documented order, then every other field as it came:
// the product's event data, byte for byte in the log line.
export const BAD: unique symbol = Symbol("bad");
export type Check = (value: unknown) => unknown;

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export const str: Check = (v) => (typeof v === "string" ? v : BAD);
export const text: Check = (v) => (typeof v === "string" && v.length > 0 ? v : BAD);
export const int: Check = (v) => (Number.isSafeInteger(v) ? v : BAD);
export const bool: Check = (v) => (typeof v === "boolean" ? v : BAD);
/** A string, or a bare integer of any size: its digits. */
export const id: Check = (v) => (typeof v === "string" ? v : typeof v === "bigint" || Number.isSafeInteger(v) ? String(v) : BAD);
/** Text or any number, as text (元镜). */
export const anyText: Check = (v) => (typeof v === "string" ? v : typeof v === "number" || typeof v === "bigint" ? String(v) : BAD);
export const anyTextNonEmpty: Check = (v) => {
  const t = anyText(v);
  return t === BAD || t === "" ? BAD : t;
};
const NUMERIC = /^-?\d+(\.\d+)?$/;
/** A number, or a string of one (元镜's times). */
export const numeric: Check = (v) => (typeof v === "number" ? v : typeof v === "string" && NUMERIC.test(v) ? Number(v) : BAD);

/** Marks a field optional: absent (undefined) passes and stays absent. */
export const opt = (check: Check): Check & { optional: true } => Object.assign((v: unknown) => (v === undefined ? undefined : check(v)), { optional: true as const });

export const arr =
  (check: Check): Check =>
  (v) => {
    if (!Array.isArray(v)) return BAD;
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) if ((out[i] = check(v[i])) === BAD) return BAD;
    return out;
  };

export function obj(shape: Record<string, Check>): Check {
  const keys = Object.keys(shape);
  const checks = keys.map((k) => shape[k]!);
  return (v) => {
    if (!isObj(v)) return BAD;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const value = checks[i]!(v[key]);
      if (value === BAD) return BAD;
      if (value !== undefined || key in v) out[key] = value;
    }
    for (const key in v) if (!(key in shape)) out[key] = v[key];
    return out;
  };
}

/** A dedupe id's parts joined with ":", each part's "%" and ":" percent-encoded, "%" for a part left out. */
export function joinId(...parts: ReadonlyArray<string | number | undefined>): string {
  let out = "";
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const t = part === undefined ? "%" : String(part).replace(/%/g, "%25").replace(/:/g, "%3A");
    out += i === 0 ? t : `:${t}`;
  }
  return out;
}
