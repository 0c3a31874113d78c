// A schema is parsed by zod until it is hot, then by its compiled parser: the switch happens at the use
// it is meant to, once, and nothing a caller receives changes across it.
import { describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";
import { COMPILE_AFTER, compiledParser, hotParser } from "../../shared/core/compiled-schema";
import { validate } from "../../shared/core/issues";
import { exactShape } from "../helpers/mutations";

const freshSchema = () =>
  z.looseObject({
    id: z.string().check(z.minLength(1)),
    count: z.pipe(
      z.union([z.int(), z.string().check(z.regex(/^\d+$/))]),
      z.transform((v) => Number(v)),
    ),
    tag: z.optional(z.string()),
  });

describe("hotParser", () => {
  it(`gives nothing for the first ${COMPILE_AFTER - 1} uses of a schema, then its compiled parser, the same one each time after`, () => {
    const schema = freshSchema();
    for (let i = 1; i < COMPILE_AFTER; i++) expect(hotParser(schema), `use ${i}`).toBeUndefined();
    const parse = hotParser(schema);
    expect(parse).toBeTypeOf("function");
    expect(hotParser(schema)).toBe(parse);
    expect(compiledParser(schema)).toBe(parse);
  });

  it("hands over a parser compiled before the schema was hot at once", () => {
    const schema = freshSchema();
    const parse = compiledParser(schema);
    expect(hotParser(schema)).toBe(parse);
  });

  it("counts each schema apart", () => {
    const [a, b] = [freshSchema(), freshSchema()];
    for (let i = 1; i < COMPILE_AFTER; i++) hotParser(a);
    expect(hotParser(b)).toBeUndefined();
    expect(hotParser(a)).toBeTypeOf("function");
  });
});

describe("validate across the switch", () => {
  it("leaves zod's parse of a valid value once the schema is hot, with the same output before and after", () => {
    const schema = freshSchema();
    const safeParse = vi.spyOn(schema, "safeParse");
    const value = { id: "a1", count: "12", extra: [1, { deep: true }] };
    const outputs: string[] = [];
    const zodCalls: number[] = [];
    for (let i = 0; i < 2 * COMPILE_AFTER; i++) {
      const before = safeParse.mock.calls.length;
      const checked = validate(schema, structuredClone(value), "payload");
      outputs.push(exactShape(checked));
      zodCalls.push(safeParse.mock.calls.length - before);
    }
    expect(new Set(outputs).size).toBe(1);
    expect(zodCalls.slice(0, COMPILE_AFTER - 1)).toEqual(new Array(COMPILE_AFTER - 1).fill(1));
    expect(zodCalls.slice(COMPILE_AFTER - 1)).toEqual(new Array(COMPILE_AFTER + 1).fill(0));
  });

  it("words a refusal the same before and after", () => {
    const schema = freshSchema();
    const bad = { id: "", count: "twelve" };
    const answers = Array.from({ length: 2 * COMPILE_AFTER }, () => exactShape(validate(schema, structuredClone(bad), "payload")));
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toContain("payload");
  });
});
