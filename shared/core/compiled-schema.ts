import type { core } from "zod/mini";

/**
 * A parser derived from a zod schema at its first use: the same output as zod's (same objects, key
 * order, defaults and transformed values) at a fraction of the instructions, since zod's general
 * machinery (a payload and an issue list per node, optin/optout bookkeeping at run time) is decided
 * once here. It says only yes or no: `REFUSED` exactly when zod would refuse, so zod is then run to
 * word the refusal. What it cannot mirror exactly it hands to zod itself, node by node, so the zod
 * schema stays the one source of truth and the only author of messages.
 */
export const REFUSED: unique symbol = Symbol("refused");

type Parse = (value: unknown) => unknown;
type Check = (value: unknown) => boolean;
// zod's internals (`_zod`), typed loosely: the shapes below follow zod/v4/core/schemas.js and checks.js.
type Node = core.$ZodType & { _zod: any };

const parsers = new WeakMap<object, Parse>();

/** The parser of `schema`, built at its first use (so a schema built lazily is compiled lazily too). */
export function compiledParser(schema: object): Parse {
  let parse = parsers.get(schema);
  if (!parse) {
    // A recursive schema meets itself while compiling: it gets the parser being built, by reference.
    let built: Parse | undefined;
    parsers.set(schema, (value) => built!(value));
    parsers.set(schema, (parse = built = compile(schema as Node)));
  }
  return parse;
}

/** zod itself for one node: exact by construction, for what is not compiled. */
function byZod(node: Node): Parse {
  return (value) => {
    const result = node._zod.run({ value, issues: [] }, { async: false });
    return result instanceof Promise || result.issues.length > 0 ? REFUSED : result.value;
  };
}

function compile(node: Node): Parse {
  const z = node._zod;
  const def = z.def;
  // A node that is its own check (z.int(), z.custom()) runs itself first, then the checks added to it.
  const checks: Check[] = [];
  for (const check of z.traits.has("$ZodCheck") ? [node, ...(def.checks ?? [])] : (def.checks ?? [])) {
    const compiled = compileCheck(check._zod.def);
    if (!compiled) return byZod(node);
    checks.push(compiled);
  }
  const parse = compileType(node, def);
  if (!parse) return byZod(node);
  if (checks.length === 0) return parse;
  return (value) => {
    const out = parse(value);
    if (out === REFUSED) return REFUSED;
    for (const check of checks) if (!check(out)) return REFUSED;
    return out;
  };
}

/** A check as zod runs it after its node's parse (`when` decides whether it runs at all). */
function compileCheck(def: any): Check | undefined {
  const { check, when, minimum: min, pattern, fn } = def;
  const test: Check | undefined =
    check === "min_length"
      ? // zod counts a string's code points (a string iterates by code point, a lone surrogate as one).
        (value: any) => value.length >= min && (typeof value !== "string" || value.length >= min * 2 || [...value].length >= min)
      : check === "string_format" && def.format === "regex"
        ? (value) => {
            pattern.lastIndex = 0;
            return pattern.test(value);
          }
        : check === "number_format" && def.format === "safeint"
          ? Number.isSafeInteger
          : check === "custom"
            ? (value) => {
                // A promise is zod's async error: zod is run and throws it.
                const result = fn(value);
                return !!result && !(result instanceof Promise);
              }
            : undefined;
  return test && when ? (value) => !when({ value, issues: [] }) || test(value) : test;
}

const is = (test: (value: unknown) => boolean): Parse => (value) => (test(value) ? value : REFUSED);

function compileType(node: Node, def: any): Parse | undefined {
  const z = node._zod;
  const traits: Set<string> = z.traits;
  if (def.coerce) return undefined;
  switch (def.type) {
    case "string":
      return is((value) => typeof value === "string");
    case "number":
      return is((value) => typeof value === "number" && Number.isFinite(value));
    case "boolean":
    case "bigint":
      return is((value) => typeof value === def.type);
    case "null":
      return is((value) => value === null);
    case "unknown":
    case "any":
    case "custom":
      return (value) => value;
    case "literal":
    case "enum": {
      const values: Set<unknown> = z.values;
      return is((value) => values.has(value));
    }
    case "optional": {
      if (traits.has("$ZodExactOptional")) return undefined;
      const inner = compiledParser(def.innerType);
      if (def.innerType._zod.optin !== "defaulted") return (value) => (value === undefined ? undefined : inner(value));
      // A defaulted inner substitutes for absence; if it fails, absence stays undefined.
      return (value) => {
        const out = inner(value);
        return value === undefined && out === REFUSED ? undefined : out;
      };
    }
    case "nullable": {
      const inner = compiledParser(def.innerType);
      return (value) => (value === null ? null : inner(value));
    }
    case "default": {
      const inner = compiledParser(def.innerType);
      return (value) => {
        // def.defaultValue is a getter: a fresh copy each time, as zod hands it.
        if (value === undefined) return def.defaultValue;
        const out = inner(value);
        return out === undefined ? def.defaultValue : out;
      };
    }
    case "pipe": {
      if (traits.has("$ZodCodec") || traits.has("$ZodPreprocess")) return undefined;
      const left = compiledParser(def.in);
      const right = compiledParser(def.out);
      return (value) => {
        const out = left(value);
        return out === REFUSED ? REFUSED : right(out);
      };
    }
    case "transform":
      return (value) => {
        // The transform's context is zod's payload: an issue pushed there refuses.
        const payload = { value, issues: [] as unknown[] };
        const out = def.transform(value, payload);
        return out instanceof Promise || payload.issues.length > 0 ? REFUSED : out;
      };
    case "union": {
      // Exclusive unions (xor, discriminated) decide otherwise: left to zod.
      if (def.inclusive === false) return undefined;
      // Each option is exact, so the first that takes the value is the one zod picks.
      const options: Parse[] = def.options.map(compiledParser);
      return (value) => {
        for (const option of options) {
          const out = option(value);
          if (out !== REFUSED) return out;
        }
        return REFUSED;
      };
    }
    case "array": {
      const element = compiledParser(def.element);
      return (value) => {
        if (!Array.isArray(value)) return REFUSED;
        const out = new Array(value.length);
        for (let i = 0; i < value.length; i++) if ((out[i] = element(value[i])) === REFUSED) return REFUSED;
        return out;
      };
    }
    case "object":
      return compileObject(def);
  }
  return undefined;
}

/**
 * One declared key, settled as zod's handlePropertyResult does: false when it refuses. `optin` and
 * `optout` say what absence means (optional in and out: left out, unparsed; defaulted: substituted).
 */
function compileField(key: string, node: Node): (record: Record<string, unknown>, out: Record<string, unknown>) => boolean {
  const parse = compiledParser(node);
  const { optin, optout } = node._zod;
  const optional = optout === "optional";
  return (record, out) => {
    const value = record[key];
    const present = value !== undefined || key in record;
    if (!present && optional && optin === "optional") return true;
    const parsed = parse(value);
    // Absent, an optional key's refusal is forgiven; absent, a required key refuses even when undefined passes.
    if (parsed === REFUSED) return !present && optional && optin !== undefined;
    if (!present && optin === undefined) return false;
    if (parsed !== undefined || present || (optin === "defaulted" && !optional)) out[key] = parsed;
    return true;
  };
}

function compileObject(def: any): Parse | undefined {
  const shape = def.shape;
  if (Object.getOwnPropertySymbols(shape).length > 0) return undefined;
  const keys = Object.keys(shape);
  const declared = new Set(keys);
  const fields = keys.filter((key) => key !== "__proto__").map((key) => compileField(key, shape[key]));
  const rest = def.catchall?._zod.def.type;
  // Unknown keys: dropped (z.object), kept as they are (looseObject), refused (strictObject), or parsed.
  const restParse = rest === undefined || rest === "unknown" || rest === "any" || rest === "never" ? undefined : compiledParser(def.catchall);
  return (input) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return REFUSED;
    const record = input as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const field of fields) if (!field(record, out)) return REFUSED;
    if (rest === undefined) return out;
    for (const key in record) {
      if (declared.has(key)) continue;
      if (rest === "never") return REFUSED;
      // Never copied: assigning __proto__ to a plain object would replace its prototype.
      if (key === "__proto__") continue;
      // Present (for...in found it): a refusal refuses, and whatever came out is written.
      if ((out[key] = restParse ? restParse(record[key]) : record[key]) === REFUSED) return REFUSED;
    }
    return out;
  };
}
