// The parser compiled from each callback's zod schema must be zod, only cheaper: on valid samples and
// on mutated ones it takes exactly what zod takes, gives the same output (key order, defaults,
// transformed values, concealed keys), never touches its input, and every refusal is zod's own words.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { compiledParser, REFUSED } from "../../shared/core/compiled-schema";
import { JUDGE, validate } from "../../shared/core/issues";
import { appServerSamples } from "../../shared/platforms/sud/app-server/samples";
import { samples as sudSamples } from "../../shared/platforms/sud/callbacks/samples";
import { samples as tencentSamples } from "../../shared/platforms/tencent/callbacks/samples";
import { samples as yuanjingSamples } from "../../shared/platforms/yuanjing/callbacks/samples";
import { copy, exactShape, mutatedArb } from "../helpers/mutations";
import { sampleContext } from "../helpers/samples";
import { RUNS } from "./arbitraries";

/** Both judges on one value: the same verdict, the same output, the same words, the input untouched. */
function judgeAlike(schema: z.ZodMiniType, value: unknown): boolean {
  const before = exactShape(value);
  const fast = compiledParser(schema)(copy(value));
  const zod = schema.safeParse(copy(value));
  expect(fast !== REFUSED, `compiled ${fast === REFUSED ? "refused" : "took"} what zod ${zod.success ? "took" : "refused"}`).toBe(zod.success);
  if (zod.success) expect(exactShape(fast)).toBe(exactShape(zod.data));

  const input = copy(value);
  const viaFast = validate(schema, input, "payload");
  expect(exactShape(input)).toBe(before);
  (globalThis as Record<symbol, unknown>)[JUDGE] = "zod";
  try {
    expect(exactShape(viaFast)).toBe(exactShape(validate(schema, copy(value), "payload")));
  } finally {
    delete (globalThis as Record<symbol, unknown>)[JUDGE];
  }
  return zod.success;
}

const catalog = [
  ...[...tencentSamples, ...sudSamples, ...yuanjingSamples, ...appServerSamples].map((s) => ({
    name: s.definition.name,
    schema: s.definition.schema,
    sample: s.sample as (ctx: ReturnType<typeof sampleContext>) => unknown,
  })),
];

describe("compiled schema parsers judge as zod does", () => {
  it("covers every catalog callback", () => {
    expect(catalog.length).toBeGreaterThan(40);
    for (const { name, sample } of catalog) expect(sample(sampleContext()), name).toBeTypeOf("object");
  });

  for (const { name, schema, sample } of catalog) {
    it(`${name}: valid and mutated payloads`, () => {
      const valid = sample(sampleContext({ bareIds: "bigint" }));
      expect(compiledParser(schema)(copy(valid)), "the sample itself is taken").not.toBe(REFUSED);
      const verdicts = new Set<boolean>();
      fc.assert(
        fc.property(mutatedArb(valid), (value) => {
          verdicts.add(judgeAlike(schema as z.ZodMiniType, value));
        }),
        RUNS,
      );
      // Taken and refused both met: the property judged both paths.
      expect([...verdicts].sort()).toEqual([false, true]);
    });
  }
});

// What the catalog does not use yet, so that a schema written with it tomorrow is judged right too.
describe("compiled parsers of the other zod/mini constructs", () => {
  const schemas: Record<string, z.ZodMiniType> = {
    defaults: z.object({ a: z._default(z.string(), "d"), b: z.optional(z._default(z.int(), 7)), c: z.nullable(z.string()), d: z.optional(z.nullable(z.int())) }),
    "enum and literal": z.looseObject({ e: z.enum(["x", "y"]), l: z.optional(z.literal([1, "one", null])) }),
    "strict object": z.strictObject({ a: z.optional(z.string()) }),
    "plain object strips": z.object({ a: z.optional(z.string()), n: z.number() }),
    "discriminated union": z.discriminatedUnion("t", [z.looseObject({ t: z.literal("a"), a: z.string() }), z.looseObject({ t: z.literal("b"), b: z.int() })]),
    "union of objects": z.union([
      z.looseObject({ a: z.string() }),
      z.looseObject({
        b: z.pipe(
          z.string(),
          z.transform((s) => s.length),
        ),
      }),
    ]),
    record: z.record(z.string(), z.int()),
    "array checks": z.array(z.string().check(z.minLength(2))).check(z.minLength(1)),
    "refinement with a path": z.looseObject({ a: z.optional(z.string()), b: z.optional(z.string()) }).check(z.refine((v) => !!v.a || !!v.b, { path: ["a"], message: "a or b" })),
    "max length, left to zod": z.looseObject({ s: z.string().check(z.maxLength(3)) }),
    bigint: z.looseObject({ n: z.union([z.bigint(), z.int()]), f: z.optional(z.boolean()) }),
    catchall: z.catchall(z.object({ a: z.optional(z.string()) }), z.int()),
    "required, though undefined would pass": z.looseObject({ u: z.unknown(), c: z.custom<string>() }),
  };
  const seeds: Record<string, unknown> = {
    defaults: { a: "x", b: 1, c: null, d: null },
    "enum and literal": { e: "x", l: "one", extra: [1] },
    "strict object": { a: "x" },
    "plain object strips": { a: "x", n: 1.5, extra: 1 },
    "discriminated union": { t: "b", b: 3 },
    "union of objects": { b: "four" },
    record: { a: 1, b: 2 },
    "array checks": ["ab", "😀", "cd"],
    "refinement with a path": { b: "y" },
    "max length, left to zod": { s: "abc" },
    bigint: { n: 123456789012345678901n, f: true },
    catchall: { a: "x", z: 1 },
    "required, though undefined would pass": { u: 1, c: "x" },
  };
  for (const [name, schema] of Object.entries(schemas)) {
    it(name, () => {
      fc.assert(
        fc.property(fc.oneof(mutatedArb(seeds[name]), fc.jsonValue({ maxDepth: 2 })), (value) => {
          judgeAlike(schema, value);
        }),
        RUNS,
      );
    });
  }

  it("a schema met again is not compiled again, and a recursive one terminates", () => {
    const schema = z.looseObject({ a: z.string() });
    expect(compiledParser(schema)).toBe(compiledParser(schema));
    const tree: z.ZodMiniType = z.looseObject({
      name: z.string(),
      get children() {
        return z.optional(z.array(tree));
      },
    });
    judgeAlike(tree, { name: "a", children: [{ name: "b", children: [{ name: 1 }] }] });
    judgeAlike(tree, { name: "a", children: [{ name: "b", children: [] }] });
  });
});
