import { type Node, parserSource, type Ref } from "./parser-source";

/**
 * A parser derived from a zod schema at its first use: the same output as zod's (same objects, key
 * order, defaults and transformed values) at a fraction of the instructions, since zod's general
 * machinery (a payload and an issue list per node, optin/optout bookkeeping at run time) is decided
 * once here. It says only yes or no: `REFUSED` exactly when zod would refuse, so zod is then run to
 * word the refusal. What it cannot mirror exactly it hands to zod itself, node by node, so the zod
 * schema stays the one source of truth and the only author of messages.
 *
 * The parser is one straight-line function per schema, written from the schema alone (parser-source.ts),
 * never from input: by the build, as a file beside the bundle, or here (`new Function`). Every literal in
 * it is written by JSON.stringify, everything else (sets, patterns, transforms, zod nodes) is passed in by
 * reference, so no schema text is ever read as code.
 */
export const REFUSED: unique symbol = Symbol("refused");

type Parse = (value: unknown) => unknown;

const parsers = new WeakMap<object, Parse>();

/**
 * The parser of `schema`, built at its first use (so a schema built lazily is compiled lazily too). `name`,
 * given by the caller that validates one of its function's own schemas (a callback's, an answers', an
 * envelope's: never a name a callback was sent under), is the file the build wrote its parser to.
 */
export function compiledParser(schema: object, name?: string): Parse {
  let parse = parsers.get(schema);
  if (!parse) {
    // A recursive schema meets itself while compiling: it gets the parser being built, by reference.
    let built: Parse | undefined;
    parsers.set(schema, (value) => built!(value));
    parsers.set(schema, (parse = built = (name === undefined ? undefined : prebuilt(schema, name)) ?? build(schema as Node)));
  }
  return parse;
}

/** The value a reference stands for, in this process. */
function resolve(ref: Ref): unknown {
  if ("value" in ref) return ref.value;
  if ("zod" in ref) return byZod(ref.zod as Node);
  if ("parser" in ref) return compiledParser(ref.parser);
  return new Set(ref.keys);
}

/** The name of an answering callback's answers schema. */
export const answersSchemaName = (callback: string): string => `${callback}.answers`;

/** The file of a schema's parser, relative to the bundle, or undefined for a name that cannot be one. */
export const prebuiltFile = (name: string): string | undefined => (/^[\w-]+(\.[\w-]+)*$/.test(name) ? `./parsers/${name}.js` : undefined);

/** What a prebuilt parser's file exports: given the schema and how to resolve references, its parser. */
export type PrebuiltFactory = (schema: object, zod: (node: object) => Parse, compiled: (node: object) => Parse, refused: symbol) => Parse;

declare const require: ((id: string) => unknown) | undefined;

/** The parser the build wrote for `schema` under `name`, or undefined (not in a bundle, no such file). */
function prebuilt(schema: object, name: string): Parse | undefined {
  const file = prebuiltFile(name);
  if (file === undefined || typeof require !== "function") return undefined;
  try {
    return prebuiltParser(require(file) as PrebuiltFactory, schema);
  } catch {
    return undefined;
  }
}

/** The parser a prebuilt file's factory makes for `schema` (exported for the test of those files). */
export function prebuiltParser(factory: PrebuiltFactory, schema: object): Parse {
  return factory(schema, (node) => byZod(node as Node), compiledParser, REFUSED);
}

/** zod itself for one node: exact by construction, for what is not compiled. */
function byZod(node: Node): Parse {
  return (value) => {
    const result = node._zod.run({ value, issues: [] }, { async: false });
    return result instanceof Promise || result.issues.length > 0 ? REFUSED : result.value;
  };
}

/** A schema's parser, generated here (shared/core/parser-source.ts writes its code), or zod's. */
function build(schema: Node): Parse {
  try {
    const { source, refs } = parserSource(schema);
    return new Function("r", "R", source)(refs.map(resolve), REFUSED);
  } catch {
    // No code generation in this runtime (or a schema past what is written here): zod, exactly.
    return byZod(schema);
  }
}
