// The functions' stand-in for "zod/mini" (scripts/build.mjs aliases it in every bundle they are built to): the same
// calls build plain nodes instead of zod's, so that a cold start neither loads nor initialises zod. A node
// carries what the compiled parser reads of a zod schema (`_zod.def`, `optin`, `optout`, `values`, the
// traits it asks about), set as zod sets them, and the recipe of the zod schema it stands for: the same
// call with the same arguments (the same transforms and refinements, by reference). Anything that needs
// zod itself (a refusal to word, a node the compiled parser leaves to zod, an answer's check) builds that
// twin from zod.js, a chunk beside main.js loaded at its first use. The catalog stays written once, in
// zod; test/unit/zod-lite.test.ts holds every catalog schema built both ways to the same shape.

type Zod = Record<string, (...args: unknown[]) => any>;
type Recipe = (z: Zod) => any;

/** zod itself, from the chunk beside the bundle; loaded once, when a node first needs its twin. */
let zod: Zod | undefined;
declare const require: (id: string) => unknown;
function realZod(): Zod {
  if (zod) return zod;
  try {
    return (zod = require("./zod.js") as Zod);
  } catch (cause) {
    throw new Error("zod (zod.js beside index.js) could not be loaded", { cause });
  }
}

const twins = new WeakMap<object, any>();
const recipes = new WeakMap<object, Recipe>();

/** The zod schema (or check) a lite node stands for, built once. */
export function twin(node: unknown): any {
  if (typeof node !== "object" || node === null || !recipes.has(node)) return node;
  let built = twins.get(node);
  if (built === undefined) twins.set(node, (built = recipes.get(node)!(realZod())));
  return built;
}

/**
 * Arguments as zod receives them: nodes (also inside an array or a shape) replaced by their twins. A
 * shape's getter (how a schema refers to itself) stays a getter, read when zod reads it, so a cycle
 * closes in zod as it does in the lite nodes.
 */
function real(arg: unknown): unknown {
  if (Array.isArray(arg)) return arg.map(twin);
  if (typeof arg === "object" && arg !== null && !recipes.has(arg) && !(arg instanceof RegExp)) {
    const proto = Object.getPrototypeOf(arg);
    if (proto === Object.prototype || proto === null) {
      const shape: Record<PropertyKey, unknown> = {};
      for (const key of Reflect.ownKeys(arg)) {
        const d = Object.getOwnPropertyDescriptor(arg, key)!;
        const get = d.get;
        Object.defineProperty(
          shape,
          key,
          get
            ? { get: () => twin(get.call(arg)), enumerable: d.enumerable, configurable: true }
            : { value: twin(d.value), enumerable: d.enumerable, writable: true, configurable: true },
        );
      }
      return shape;
    }
  }
  return twin(arg);
}

interface Internals {
  def: Record<string, any>;
  traits: Set<string>;
  optin?: "optional" | "defaulted";
  optout?: "optional";
  values?: Set<unknown>;
  run(payload: unknown, ctx: unknown): unknown;
}

/** What a constructor sets besides the def (traits as a list). */
type Extra = Partial<Omit<Internals, "def" | "traits" | "run">> & { traits?: readonly string[] };

/** A lite node: `_zod` for the compiled parser, zod's methods through the twin. */
class LiteNode {
  readonly _zod: Internals;
  constructor(def: Record<string, any>, recipe: Recipe, { traits = [], ...rest }: Extra = {}) {
    this._zod = { def, traits: new Set(traits), run: (payload, ctx) => twin(this)._zod.run(payload, ctx), ...rest };
    recipes.set(this, recipe);
  }
  check(...checks: unknown[]): LiteNode {
    const { def, traits, optin, optout, values } = this._zod;
    return new LiteNode({ ...def, checks: [...(def.checks ?? []), ...checks] }, () => twin(this).check(...checks.map(twin)), { traits: [...traits], optin, optout, values });
  }
  safeParse(value: unknown, params?: unknown) {
    return twin(this).safeParse(value, params);
  }
  parse(value: unknown, params?: unknown) {
    return twin(this).parse(value, params);
  }
}

/**
 * A zod call, recorded: `name(...args)` on zod when its twin is wanted. Free of side effects (so marked
 * for esbuild): a bundle drops the stand-ins its schemas never call.
 */
const node =
  /* @__NO_SIDE_EFFECTS__ */
    (name: string, def: (...args: any[]) => Record<string, any>, extra: (d: Record<string, any>) => Extra = () => ({})) =>
    (...args: any[]): any => {
      const d = def(...args);
      return new LiteNode(d, (z) => z[name]!(...args.map(real)), extra(d));
    };

/** A check, recorded the same way; the compiled parser reads its `_zod.def`. */
const check =
  /* @__NO_SIDE_EFFECTS__ */
    (name: string, def: (...args: any[]) => Record<string, any>) =>
    (...args: any[]): any => {
      const c = { _zod: { def: def(...args) } };
      recipes.set(c, (z) => z[name]!(...args.map(real)));
      return c;
    };

/** zod's `params` as its normalizeParams spreads them into a def: a message becomes an `error` function. */
function params(p: unknown): Record<string, unknown> {
  if (!p) return {};
  if (typeof p === "string") return { error: () => p };
  const { message, ...rest } = p as Record<string, unknown>;
  if (message !== undefined) rest.error = message;
  const error = rest.error;
  return typeof error === "string" ? { ...rest, error: () => error } : rest;
}

// zod's default `when` of a length check: only a value that is there and has a length is checked.
const whenHasLength = (payload: { value: any }) => payload.value !== null && payload.value !== undefined && payload.value.length !== undefined;

const CHECK = ["$ZodCheck"];
type Lite = { _zod: Internals };
const optinOf = (n: Lite) => n._zod.optin;
const optoutOf = (n: Lite) => n._zod.optout;

export const string = node("string", (p) => ({ type: "string", ...params(p) }));
export const number = node("number", (p) => ({ type: "number", checks: [], ...params(p) }));
export const boolean = node("boolean", (p) => ({ type: "boolean", ...params(p) }));
export const bigint = node("bigint", (p) => ({ type: "bigint", ...params(p) }));
export const unknown = node("unknown", () => ({ type: "unknown" }));
export const never = node("never", (p) => ({ type: "never", ...params(p) }));
export const undefined_ = node(
  "undefined",
  (p) => ({ type: "undefined", ...params(p) }),
  () => ({ values: new Set([undefined]) }),
);
export { undefined_ as undefined };
export const int = node(
  "int",
  (p) => ({ type: "number", check: "number_format", abort: false, format: "safeint", ...params(p) }),
  () => ({ traits: CHECK }),
);
export const literal = node(
  "literal",
  (value, p) => ({ type: "literal", values: Array.isArray(value) ? value : [value], ...params(p) }),
  (d) => ({ values: new Set(d.values) }),
);
export const custom = node(
  "custom",
  (fn, p) => ({ type: "custom", check: "custom", fn: fn ?? (() => true), abort: true, ...params(p) }),
  () => ({ traits: CHECK }),
);
export const optional = node(
  "optional",
  (innerType) => ({ type: "optional", innerType }),
  (d) => ({ optin: optinOf(d.innerType) === "defaulted" ? "defaulted" : "optional", optout: "optional" }),
);
export const nullable = node(
  "nullable",
  (innerType) => ({ type: "nullable", innerType }),
  (d) => ({ optin: optinOf(d.innerType), optout: optoutOf(d.innerType) }),
);
export const pipe = node(
  "pipe",
  (inSchema, outSchema) => ({ type: "pipe", in: inSchema, out: outSchema }),
  (d) => ({ optin: optinOf(d.in), optout: optoutOf(d.out) }),
);
export const transform = node(
  "transform",
  (fn) => ({ type: "transform", transform: fn }),
  () => ({ optin: "optional" }),
);
export const union = node(
  "union",
  (options, p) => ({ type: "union", options, ...params(p) }),
  (d) => ({
    optin: d.options.some((o: Lite) => optinOf(o) === "defaulted") ? "defaulted" : d.options.some((o: Lite) => optinOf(o) !== undefined) ? "optional" : undefined,
    optout: d.options.some((o: Lite) => optoutOf(o) === "optional") ? "optional" : undefined,
  }),
);
export const array = node("array", (element, p) => ({ type: "array", element, ...params(p) }));
export const object = node("object", (shape, p) => ({ type: "object", shape: shape ?? {}, ...params(p) }));
export const looseObject = node("looseObject", (shape, p) => ({ type: "object", shape, catchall: unknown(), ...params(p) }));
export const strictObject = node("strictObject", (shape, p) => ({ type: "object", shape, catchall: never(), ...params(p) }));
/**
 * zod's extend: the shape's own properties, then the new ones, getters kept as getters (a schema may refer
 * to itself through one), the checks kept; zod refuses to overwrite a key of an object that has checks.
 */
export const extend = (schema: Lite, shape: Record<PropertyKey, unknown>): any => {
  const { def } = schema._zod;
  if (def.checks?.length && Reflect.ownKeys(shape).some((key) => Object.getOwnPropertyDescriptor(def.shape, key)))
    throw new Error("Cannot overwrite keys on object schemas containing refinements. Use `.safeExtend()` instead.");
  const merged = {};
  for (const from of [def.shape, shape]) for (const key of Reflect.ownKeys(from)) Object.defineProperty(merged, key, Object.getOwnPropertyDescriptor(from, key)!);
  return new LiteNode({ ...def, shape: merged }, (z) => z.extend!(twin(schema), real(shape)));
};

// In zod's order: the params first, then the check's own fields; a length check's `when` only if none was given.
export const minLength = check("minLength", (minimum, p) => {
  const def: Record<string, unknown> = { check: "min_length", ...params(p), minimum };
  def.when ??= whenHasLength;
  return def;
});
export const regex = check("regex", (pattern, p) => ({ check: "string_format", format: "regex", ...params(p), pattern }));
export const refine = check("refine", (fn, p) => ({ type: "custom", check: "custom", fn, ...params(p) }));

/** zod's NEVER: what a transform returns after it pushed an issue (never read: the issue refuses). */
export const NEVER = Object.freeze({ status: "aborted" });
