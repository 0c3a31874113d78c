// Which schemas the build writes a parser for, and under which names: a name must stand for one schema,
// in one function and across the functions the redrive replays through, or no file could be trusted.
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import type { AnyCallback } from "../../shared/core/callback";
import { schemasOf } from "../../shared/core/prebuilt-parser";
import { FUNCTION_SPECS } from "../helpers/functions";

const callback = (name: string, schema: object, answers?: object) => ({ name, schema, ...(answers ? { answers: { schema: answers } } : {}) }) as unknown as AnyCallback;
const spec = (callbacks: AnyCallback[], schemas?: Record<string, object>) => ({ callbacks, platform: { schemas } });

describe("schemasOf", () => {
  const envelope = z.object({ a: z.string() });
  const payload = z.object({ b: z.number() });
  const answers = z.object({ ok: z.boolean() });

  it("names a function's platform schemas, each callback's and each answers schema", () => {
    const names = [...schemasOf(spec([callback("cb.one", payload, answers)], { "x.envelope": envelope })).keys()];
    expect(names).toEqual(["x.envelope", "cb.one", "cb.one.answers"]);
  });

  it("takes a schema that several functions share once", () => {
    const shared = callback("cb.one", payload);
    expect([...schemasOf(spec([shared]), spec([shared, callback("cb.two", answers)])).keys()]).toEqual(["cb.one", "cb.two"]);
  });

  it("fails on one name given to two schemas, in one function or across functions", () => {
    expect(() => schemasOf(spec([callback("cb.one", payload), callback("cb.one", answers)]))).toThrow("two schemas share the name cb.one");
    expect(() => schemasOf(spec([callback("cb.one", payload)]), spec([callback("cb.one", z.object({ b: z.number() }))]))).toThrow("two schemas share the name cb.one");
    // An answers schema cannot take the name of another function's callback either.
    expect(() => schemasOf(spec([callback("cb.one", payload, answers)]), spec([callback("cb.one.answers", envelope)]))).toThrow("two schemas share the name cb.one.answers");
  });

  it("gives every function the redrive replays through a name for each of its schemas, none shared by two", () => {
    const all = schemasOf(...Object.values(FUNCTION_SPECS));
    for (const own of Object.values(FUNCTION_SPECS)) for (const [name, schema] of schemasOf(own)) expect(all.get(name), name).toBe(schema);
  });
});
