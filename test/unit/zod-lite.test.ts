// A callback function's bundle builds its schemas with zod-lite, not zod (scripts/build.mjs), and compiles
// them into parsers. Every schema the functions validate with, built both ways, must give the same parser:
// the same generated source, and references alike (the same sets, patterns and kinds of node). The build
// writes each parser out (shared/core/prebuilt-parser.ts): its references, read from the schema where the
// build found them, must be the very values the parser generated at run time takes. The bundle-level
// comparisons (compiled-schemas-keep-behaviour, behaviour-recorded) then run those parsers against zod
// itself on random valid and mutated callbacks.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { COMMON, ZOD_CHUNK, ZOD_ENTRY, zodLite } from "../../scripts/build.mjs";
import type { compiledParser, PrebuiltFactory, prebuiltParser } from "../../shared/core/compiled-schema";
import { parserSource, type Ref } from "../../shared/core/parser-source";
import type { prebuiltSource, referenceExpressions } from "../../shared/core/prebuilt-parser";
import type { twin } from "../../shared/core/zod-lite";
import { schemaFingerprint } from "../../shared/redrive/fingerprint";
import { appServerSamples } from "../../shared/platforms/sud/app-server/samples";
import { samples as sudSamples } from "../../shared/platforms/sud/callbacks/samples";
import { samples as tencentSamples } from "../../shared/platforms/tencent/callbacks/samples";
import { samples as yuanjingSamples } from "../../shared/platforms/yuanjing/callbacks/samples";
import { allSchemas } from "../helpers/all-schemas";
import { copy, exactShape, mutatedArb } from "../helpers/mutations";
import { sampleContext } from "../helpers/samples";

const require = createRequire(import.meta.url);
const out = mkdtempSync(join(tmpdir(), "zod-lite-"));
let lite: {
  allSchemas: typeof allSchemas;
  parserSource: typeof parserSource;
  compiledParser: typeof compiledParser;
  prebuiltParser: typeof prebuiltParser;
  prebuiltSource: typeof prebuiltSource;
  referenceExpressions: typeof referenceExpressions;
  REFUSED: symbol;
  twin: typeof twin;
  schemaFingerprint: typeof schemaFingerprint;
  z: typeof z;
};

beforeAll(async () => {
  // The test's own entry, bundled as a function's main.js is: "zod/mini" is zod-lite.
  await build({
    stdin: {
      contents: `export { allSchemas } from "./test/helpers/all-schemas"; export { compiledParser, prebuiltParser, REFUSED } from "./shared/core/compiled-schema"; export { parserSource } from "./shared/core/parser-source"; export { prebuiltSource, referenceExpressions } from "./shared/core/prebuilt-parser"; export { twin } from "./shared/core/zod-lite"; export { schemaFingerprint } from "./shared/redrive/fingerprint"; export * as z from "zod/mini";`,
      resolveDir: process.cwd(),
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "cjs",
    outfile: join(out, "lite.js"),
    plugins: [zodLite],
    logLevel: "warning",
  });
  // zod.js beside it, as scripts/build.mjs writes the chunk beside main.js.
  await build({ entryPoints: [ZOD_ENTRY], bundle: true, platform: "node", format: "cjs", outfile: join(out, ZOD_CHUNK), logLevel: "warning" });
  lite = require(join(out, "lite.js"));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** A reference as the comparison sees it: its kind and, for data, its contents. */
function describeRef(ref: Ref): unknown {
  if ("zod" in ref) return ["zod", describeValue(ref.zod)];
  if ("parser" in ref) return ["parser", describeValue(ref.parser)];
  if ("keys" in ref) return ["keys", ref.keys];
  return describeValue(ref.value);
}

function describeValue(ref: unknown): unknown {
  if (ref instanceof Set) return ["set", [...ref]];
  if (ref instanceof RegExp) return ["regexp", ref.source, ref.flags];
  if (typeof ref === "function") return ["function"];
  const def = (ref as { _zod?: { def?: { type?: string } } })?._zod?.def;
  if (def) return ["node", def.type];
  return ["value", ref];
}

describe("zod-lite builds every schema to the parser and the fingerprint zod's build gives", () => {
  const names = Object.keys(allSchemas());
  it("covers the catalogs", () => expect(names.length).toBeGreaterThan(40));

  for (const name of names) {
    it(name, () => {
      const fromZod = parserSource(allSchemas()[name]!);
      const fromLite = lite.parserSource(lite.allSchemas()[name]!);
      expect(fromLite.source).toBe(fromZod.source);
      expect(JSON.stringify(fromLite.refs.map(describeRef))).toBe(JSON.stringify(fromZod.refs.map(describeRef)));
      // The redrive's fingerprint reads the definitions whole: a letter parked by one build waits in the other.
      const spec = (schema: object) => ({ platform: { name: "p" }, callbacks: [{ name, schema } as never] });
      expect(lite.schemaFingerprint(spec(lite.allSchemas()[name]!))).toBe(schemaFingerprint(spec(allSchemas()[name]!)));
    });
  }
});

/** The parser a prebuilt file holds, as a bundle loads it. */
function loadPrebuilt(schema: object): (value: unknown) => unknown {
  const module = { exports: undefined as unknown };
  new Function("module", lite.prebuiltSource(schema))(module);
  return lite.prebuiltParser(module.exports as PrebuiltFactory, schema);
}

describe("a prebuilt parser (the file the build writes) is the parser generated at run time", () => {
  const names = Object.keys(allSchemas());
  for (const name of names) {
    it(name, () => {
      const schema = lite.allSchemas()[name]!;
      const { source, refs } = lite.parserSource(schema);
      // Each reference, read from the schema by the path the build wrote: the very value, or node, taken.
      const expressions = lite.referenceExpressions(schema, refs);
      expect(expressions).toHaveLength(refs.length);
      for (const [i, ref] of refs.entries()) {
        const read = new Function("S", "Z", "P", `return ${expressions[i]}`)(
          schema,
          (n: object) => ["zod", n],
          (n: object) => ["parser", n],
        );
        if ("zod" in ref) expect(read).toEqual(["zod", ref.zod]);
        else if ("parser" in ref) expect(read).toEqual(["parser", ref.parser]);
        else if ("keys" in ref) expect([...read]).toEqual(ref.keys);
        else expect(read).toBe(ref.value);
        if ("zod" in ref || "parser" in ref) expect(read[1]).toBe("zod" in ref ? ref.zod : ref.parser);
      }
      // The parser's code is the generated code, whole.
      expect(lite.prebuiltSource(schema)).toContain(`const r=[${expressions}];${source}})`);
      expect(String(loadPrebuilt(schema))).toBe(String(lite.compiledParser(schema)));
    });
  }

  it("is not written for a value the schema does not hold where it was found (a getter's new node)", () => {
    const tree = lite.z.looseObject({
      get child() {
        return lite.z.optional(lite.z.literal("a"));
      },
    });
    expect(() => lite.prebuiltSource(tree)).toThrow(/not reachable/);
  });

  it("reads keys that are not identifiers as strings, and never through a key named __proto__", () => {
    const odd = lite.z.looseObject({ "a-b": lite.z.literal("x"), 'q"]': lite.z.optional(lite.z.literal("y")) });
    const expressions = lite.referenceExpressions(odd, lite.parserSource(odd).refs);
    expect(expressions.join()).toContain('S._zod.def.shape["a-b"]._zod.values');
    expect(expressions.join()).toContain('S._zod.def.shape["q\\"]"]');
    const shape = Object.defineProperty({ a: lite.z.literal("x") }, "__proto__", { value: lite.z.literal("y"), enumerable: true });
    const proto = lite.z.looseObject(shape);
    expect(lite.referenceExpressions(proto, lite.parserSource(proto).refs).join()).not.toMatch(/\.__proto__|\["__proto__"\]/);
    expect(loadPrebuilt(proto)({ a: "x" })).toEqual({ a: "x" });
  });
});

describe("a lite node's zod twin", () => {
  it("is zod's own schema: the same verdicts and the same words as the schema built by zod", () => {
    const fromZod = allSchemas();
    const fromLite = lite.allSchemas();
    const verdict = (schema: object, value: unknown) => {
      const r = (schema as { safeParse(v: unknown): { success: boolean; error?: { issues: unknown[] } } }).safeParse(value);
      return JSON.stringify({ success: r.success, issues: r.error?.issues.map((i) => ({ ...(i as object), input: undefined })) });
    };
    for (const name of Object.keys(fromZod))
      for (const value of [null, {}, "text", { a: 1 }]) expect(verdict(fromLite[name]!, value), `${name}: ${JSON.stringify(value)}`).toBe(verdict(fromZod[name]!, value));
  });

  it("closes a schema that refers to itself, as zod does", () => {
    const build = (zz: typeof z) => {
      const tree: z.ZodMiniType = zz.looseObject({
        name: zz.string().check(zz.minLength(1)),
        get child() {
          return zz.optional(tree);
        },
      });
      return tree;
    };
    const [fromLite, fromZod] = [build(lite.z), build(z)];
    const deep = { name: "a", child: { name: "b", child: { name: "c" } } };
    const bad = { name: "a", child: { name: "b", child: { name: "" } } };
    for (const value of [deep, bad]) expect(JSON.stringify(fromLite.safeParse(value))).toBe(JSON.stringify(fromZod.safeParse(value)));
    expect(lite.parserSource(fromLite).source).toBe(parserSource(fromZod).source);
  });

  it("keeps a symbol key of a shape, and extends as zod does: getters kept, checks kept, a refined object's key not overwritten", () => {
    const key = Symbol("k");
    const parse = (zz: typeof z) => zz.looseObject({ [key]: zz.string(), a: zz.string() } as never).safeParse({ a: "x" }).success;
    expect(parse(lite.z)).toBe(parse(z));
    const refined = (zz: typeof z) => zz.looseObject({ a: zz.string() }).check(zz.refine((v) => v.a !== "no"));
    const extended = (zz: typeof z) => zz.extend(refined(zz), { b: zz.optional(zz.string()) });
    for (const value of [{ a: "no" }, { a: "yes", b: 1 }, { a: "yes" }])
      expect(extended(lite.z).safeParse(value).success, JSON.stringify(value)).toBe(extended(z).safeParse(value).success);
    expect(lite.parserSource(extended(lite.z)).source).toBe(parserSource(extended(z)).source);
    expect(() => lite.z.extend(refined(lite.z), { a: lite.z.number() })).toThrow(/refinements/);
    expect(() => z.extend(refined(z), { a: z.number() })).toThrow(/refinements/);
  });

  it("is built once per node", () => {
    const schema = lite.allSchemas()["Live.CallbackAfterEndBattle"]!;
    expect(lite.twin(schema)).toBe(lite.twin(schema));
    expect(lite.twin(schema)).not.toBe(schema);
  });
});

describe("a bundle's build", () => {
  it("fails on a zod call zod-lite does not record, instead of failing at the first request", async () => {
    const built = build({
      ...COMMON,
      stdin: { contents: `import * as z from "zod/mini"; export const email = z.email();`, resolveDir: process.cwd(), loader: "ts" },
      write: false,
      plugins: [zodLite],
      logLevel: "silent",
    });
    await expect(built).rejects.toThrow(/email/);
  });
});

describe("the lite build judges the catalog's samples as zod does", () => {
  // Each catalog callback's sample and mutations of it (fields removed, wrong types, big integers, extra keys,
  // nulls): the parser compiled from the lite schema, the one the build writes for it, and the lite schema's
  // zod twin, each against the schema zod built from source.
  for (const s of [...tencentSamples, ...sudSamples, ...yuanjingSamples, ...appServerSamples]) {
    const name = s.definition.name;
    it(name, () => {
      const fromZod = allSchemas()[name] as z.ZodMiniType;
      const fromLite = lite.allSchemas()[name] as z.ZodMiniType;
      const parse = lite.compiledParser(fromLite);
      const prebuilt = loadPrebuilt(fromLite);
      const valid = (s.sample as (ctx: unknown) => unknown)(sampleContext({ bareIds: "bigint" }));
      fc.assert(
        fc.property(fc.oneof(fc.constant(valid), mutatedArb(valid)), (value) => {
          const zod = fromZod.safeParse(copy(value));
          const fast = parse(copy(value));
          const loaded = prebuilt(copy(value));
          expect(fast !== lite.REFUSED, JSON.stringify(exactShape(value))).toBe(zod.success);
          expect(loaded !== lite.REFUSED).toBe(zod.success);
          if (zod.success) expect(exactShape(fast)).toBe(exactShape(zod.data));
          if (zod.success) expect(exactShape(loaded)).toBe(exactShape(zod.data));
          expect(fromLite.safeParse(copy(value)).success).toBe(zod.success);
        }),
        { numRuns: 40 },
      );
    });
  }
});
