/**
 * Ways a valid payload goes wrong, for properties that compare two judges of it: fields removed,
 * values of the wrong type, nulls, integers beyond 2^53 (as bigints, which the JSON parser gives),
 * digits as strings and strings as digits, extra keys (also `__proto__` and `constructor`).
 */
import fc from "fast-check";

type Path = readonly (string | number)[];

/** Every place in `value` a mutation can touch, the root's fields included. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  if (typeof value !== "object" || value === null) return [path];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [path, ...keys.flatMap((key) => pathsOf((value as any)[key], [...path, key]))];
}

const at = (value: any, path: Path): any => path.reduce((node, key) => node?.[key], value);

/** Own data property, so that `__proto__` becomes a key as JSON.parse makes it, not a prototype. */
function put(target: any, key: string | number, item: unknown): void {
  Object.defineProperty(target, key, { value: item, enumerable: true, writable: true, configurable: true });
}

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, "", "0", "123", "x", 0, 1, -1, 1.5, 2 ** 53 + 2, true, false, [], {}, [1], { a: 1 }),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 66n }),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.constantFrom("DISPATCHED", "manage_status", "MATCH_SUCCESS", "allow", "deny", "Live", "EXECUTE_SUCCESS"),
);

const extraKey = fc.oneof(fc.constantFrom("__proto__", "constructor", "toString", "extra", "hasOwnProperty"), fc.string({ minLength: 1, maxLength: 6 }));

type Mutation = { kind: "remove" | "replace" | "retype" | "add"; at: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom("remove", "replace", "retype", "add"),
  at: fc.nat(),
  key: extraKey,
  value: oddValue,
});

function apply(value: unknown, m: Mutation): unknown {
  const paths = pathsOf(value);
  const path = paths[m.at % paths.length]!;
  if (path.length === 0) return m.kind === "replace" ? copy(m.value) : value;
  const parent = at(value, path.slice(0, -1));
  const key = path[path.length - 1]!;
  const current = parent[key];
  switch (m.kind) {
    case "remove":
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case "replace":
      put(parent, key, copy(m.value));
      break;
    case "retype":
      // The same datum in another JSON type: digits as a string, a number, a bigint.
      put(
        parent,
        key,
        typeof current === "string" && /^\d{1,22}$/.test(current)
          ? current.length > 15
            ? BigInt(current)
            : Number(current)
          : typeof current === "number" || typeof current === "bigint"
            ? String(current)
            : copy(m.value),
      );
      break;
    case "add":
      if (typeof current === "object" && current !== null && !Array.isArray(current)) put(current, m.key, copy(m.value));
      else if (!Array.isArray(parent)) put(parent, m.key, copy(m.value));
      break;
  }
  return value;
}

/** A deep copy that keeps bigints and own `__proto__` keys. */
export function copy<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copy) as T;
  const out = {};
  for (const key of Object.keys(value)) put(out, key, copy((value as any)[key]));
  return out as T;
}

/** `valid` as it is (one time in five) or with one to three mutations. */
export function mutatedArb(valid: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(null).map(() => copy(valid)) },
    { weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce(apply, copy(valid))) },
  );
}

/**
 * A value written out so that two values read the same exactly when they are the same: key order,
 * bigints, undefined, and which keys are enumerable (a concealed token is not) all show.
 */
export function exactShape(value: unknown): string {
  const walk = (item: unknown): unknown => {
    if (typeof item === "bigint") return `${item}n`;
    if (item === undefined) return "(undefined)";
    if (typeof item !== "object" || item === null) return item;
    if (Array.isArray(item)) return item.map(walk);
    return Object.getOwnPropertyNames(item).map((key) => [key, Object.getOwnPropertyDescriptor(item, key)!.enumerable, walk((item as any)[key])]);
  };
  return JSON.stringify(walk(value));
}
