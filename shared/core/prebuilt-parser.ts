// Build time only (scripts/build.mjs): the parser compiled-schema.ts would generate at a schema's first use,
// written out as a file beside the bundle, so that a cold start loads it instead of generating it. The
// parser's source is parserSource's, character for character; each value it takes by reference is found
// again in the schema it is given at run time, by the path where the build found it (`S._zod.def.shape.a`),
// so the file holds no data of its own but sets of key names and plain numbers.
import type { AnyCallback } from "./callback";
import { answersSchemaName, prebuiltFile } from "./compiled-schema";
import { parserSource, type Ref } from "./parser-source";

/** One parser's file: where it goes (compiled-schema's prebuiltFile) and what it says. */
export interface PrebuiltFile {
  readonly name: string;
  readonly contents: string;
}

/** Where each object and function reachable from `root` is first found: an expression starting at `S`. */
function pathsFrom(root: object): Map<unknown, string> {
  const paths = new Map<unknown, string>([[root, "S"]]);
  const queue: [object, string][] = [[root, "S"]];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [at, path] = next;
    // A set, a pattern or a function is a value taken whole, never looked into.
    if (typeof at === "function" || at instanceof Set || at instanceof RegExp) continue;
    for (const key of Object.keys(at)) {
      // `S.__proto__` would read the prototype, not an own key of that name.
      if (key === "__proto__") continue;
      const value: unknown = (at as Record<string, unknown>)[key];
      if (!((typeof value === "object" && value !== null) || typeof value === "function") || paths.has(value)) continue;
      const step = Array.isArray(at) ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
      paths.set(value, path + step);
      queue.push([value as object, path + step]);
    }
  }
  return paths;
}

/** A number written as code (parserSource passes by reference only the numbers JSON would not keep exactly). */
function literal(value: unknown): string {
  if (typeof value !== "number") throw new Error(`a ${typeof value} taken by reference is not written here`);
  return Object.is(value, -0) ? "-0" : String(value);
}

/**
 * Each reference of a parser of `schema` as an expression over the schema at run time (`S`), zod's and the
 * compiled parser of a node (`Z`, `P`). Throws when a value is not found in the schema (one a getter
 * builds anew at each read): that schema's parser is then generated at run time.
 */
export function referenceExpressions(schema: object, refs: readonly Ref[]): string[] {
  let paths: Map<unknown, string> | undefined;
  const at = (value: unknown): string => {
    const path = (paths ??= pathsFrom(schema)).get(value);
    if (path === undefined) throw new Error(`a value the parser takes is not reachable from the schema (${typeof value})`);
    return path;
  };
  return refs.map((ref) => {
    if ("value" in ref) return (typeof ref.value === "object" && ref.value !== null) || typeof ref.value === "function" ? at(ref.value) : literal(ref.value);
    if ("zod" in ref) return `Z(${at(ref.zod)})`;
    if ("parser" in ref) return `P(${at(ref.parser)})`;
    return `new Set(${JSON.stringify(ref.keys)})`;
  });
}

/**
 * The file of `schema`'s parser: a CommonJS module exporting compiled-schema's PrebuiltFactory. The factory
 * in parentheses, V8 compiles it with the file (it is called at once) instead of preparsing it first.
 */
export function prebuiltSource(schema: object): string {
  const { source, refs } = parserSource(schema);
  return `"use strict";\n// Written by the build from the schema: compiled-schema.ts's parser, its references read from the schema.\nmodule.exports=(function(S,Z,P,R){const r=[${referenceExpressions(schema, refs)}];${source}});\n`;
}

/** What the build reads of a function's handler: its spec's callbacks and platform. */
interface Spec {
  readonly callbacks: readonly AnyCallback[];
  readonly platform: { readonly schemas?: Readonly<Record<string, object>> };
}

/**
 * The schemas of a function, by the names it validates them under: its platform's (SUD's envelope), each of
 * its callbacks' and each answers schema. A name given to two schemas fails: neither file could be trusted.
 */
export function schemasOf(spec: Spec): Map<string, object> {
  const schemas = new Map<string, object>();
  const add = (name: string, schema: object) => {
    const held = schemas.get(name);
    if (held !== undefined && held !== schema) throw new Error(`two schemas share the name ${name}, so neither parser can be written`);
    schemas.set(name, schema);
  };
  for (const [name, schema] of Object.entries(spec.platform.schemas ?? {})) add(name, schema);
  for (const c of spec.callbacks) {
    add(c.name, c.schema);
    const answers = (c as { answers?: { schema?: object } }).answers?.schema;
    if (answers) add(answersSchemaName(c.name), answers);
  }
  return schemas;
}

/**
 * The redrive's schemas: every function's (schemasOf), a schema they share taken once. Two functions may give
 * one name different schemas (each is right in its own bundle); the redrive then writes no file for that
 * name, and each schema's parser is generated at its first use there, as without parsers/.
 */
export function redriveSchemas(specs: Readonly<Record<string, Spec>>): { schemas: Map<string, object>; unshared: string[] } {
  const schemas = new Map<string, object>();
  const owners = new Map<string, string>();
  const clashes = new Map<string, Set<string>>();
  for (const [fn, spec] of Object.entries(specs)) {
    for (const [name, schema] of schemasOf(spec)) {
      const held = schemas.get(name);
      if (held === undefined) {
        schemas.set(name, schema);
        owners.set(name, fn);
      } else if (held !== schema) {
        clashes.set(name, (clashes.get(name) ?? new Set([owners.get(name)!])).add(fn));
      }
    }
  }
  for (const name of clashes.keys()) schemas.delete(name);
  const unshared = [...clashes].map(([name, fns]) => `${name}: ${[...fns].join(", ")} give it different schemas, so its parser is generated at run time`);
  return { schemas, unshared };
}

/**
 * The parsers of a function's schemas (schemasOf), and the names whose parser stays generated at run time,
 * with why. A callback function's handler carries its spec; the redrive's carries every function's (specs).
 */
export function prebuiltParsers(handler: { readonly spec?: Spec; readonly specs?: Readonly<Record<string, Spec>> }): { files: PrebuiltFile[]; skipped: string[] } {
  const files: PrebuiltFile[] = [];
  const { schemas, unshared } = handler.spec ? { schemas: schemasOf(handler.spec), unshared: [] } : redriveSchemas(handler.specs ?? {});
  const skipped = [...unshared];
  for (const [name, schema] of schemas) {
    try {
      if (prebuiltFile(name) === undefined) throw new Error("the name cannot be a file's");
      files.push({ name, contents: prebuiltSource(schema) });
    } catch (error) {
      skipped.push(`${name}: ${(error as Error).message}`);
    }
  }
  return { files, skipped };
}
