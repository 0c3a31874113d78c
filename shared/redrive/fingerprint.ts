import { createHash, type Hash } from "node:crypto";
import type { AnyCallback } from "../core/callback";

/** What a function validates with: its platform, its callbacks, and whether it passes on the rest. */
export interface SchemaSource {
  readonly platform: { readonly name: string };
  readonly callbacks: readonly AnyCallback[];
  readonly passUnknown?: boolean;
}

const cache = new WeakMap<SchemaSource, string>();

/**
 * A short digest of the schemas a function validates with: every callback's name, aliases and schema
 * definition (types, fields, checks and their limits, enum and literal values). A quarantined letter
 * records it with each refusal, and the redrive tries the letter again only once it changes. The code
 * of a transform or refinement is left out: a bundle and the TypeScript source write it differently,
 * and a letter refused by it can still be replayed by hand.
 */
export function schemaFingerprint(spec: SchemaSource): string {
  let digest = cache.get(spec);
  if (digest === undefined) {
    const hash = createHash("sha256").update(JSON.stringify([spec.platform.name, spec.passUnknown ?? false]));
    for (const callback of [...spec.callbacks].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      hash.update(JSON.stringify([callback.name, callback.aliases ?? []]));
      describe(callback.schema, hash);
    }
    digest = hash.digest("hex").slice(0, 16);
    cache.set(spec, digest);
  }
  return digest;
}

/** A definition written in a fixed order; iterative, and a schema met again is written as a reference. */
function describe(root: unknown, hash: Hash): void {
  const seen = new Map<object, number>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "function") hash.update("fn;");
    else if (typeof value === "bigint") hash.update(`${value}n;`);
    else if (value === null || typeof value !== "object") hash.update(`${typeof value}:${String(value)};`);
    else if (value instanceof RegExp) hash.update(`re:${value.source}/${value.flags};`);
    else if (seen.has(value)) hash.update(`ref:${seen.get(value)};`);
    else {
      seen.set(value, seen.size);
      // A zod schema or check: what it is lies in its definition, the rest is machinery.
      const def = (value as { _zod?: { def?: unknown } })._zod?.def;
      if (def !== undefined) {
        hash.update("zod;");
        stack.push(def);
      } else if (Array.isArray(value)) {
        hash.update(`array:${value.length};`);
        for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      } else {
        const record = value as Record<string, unknown>;
        const keys = Object.keys(record).sort();
        hash.update(`object:${JSON.stringify(keys)};`);
        for (let i = keys.length - 1; i >= 0; i--) stack.push(record[keys[i]!]);
      }
    }
  }
}
