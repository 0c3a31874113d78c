// Which schemas the build writes a parser for, and under which names: in a function a name must stand for one
// schema, or no file could be trusted; across the functions the redrive replays through, a name two of them
// give different schemas gets no file there, and its parsers are generated at run time.
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import type { AnyCallback } from "../../shared/core/callback";
import { prebuiltParsers, redriveSchemas, schemasOf } from "../../shared/core/prebuilt-parser";
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

  it("fails on one name given to two schemas in one function", () => {
    expect(() => schemasOf(spec([callback("cb.one", payload), callback("cb.one", answers)]))).toThrow("two schemas share the name cb.one");
    // An answers schema cannot take the name of another callback either.
    expect(() => schemasOf(spec([callback("cb.one", payload, answers), callback("cb.one.answers", envelope)]))).toThrow("two schemas share the name cb.one.answers");
  });

  it("takes a schema that several functions share once, for the redrive", () => {
    const shared = callback("cb.one", payload);
    const { schemas, unshared } = redriveSchemas({ a: spec([shared]), b: spec([shared, callback("cb.two", answers)]) });
    expect([...schemas.keys()]).toEqual(["cb.one", "cb.two"]);
    expect(unshared).toEqual([]);
  });

  it("writes no redrive file for a name two functions give different schemas, and says which", () => {
    const specs = {
      a: spec([callback("cb.one", payload), callback("cb.two", answers)]),
      b: spec([callback("cb.one", z.object({ b: z.number() }))]),
      c: spec([callback("cb.one", envelope)]),
    };
    const { schemas, unshared } = redriveSchemas(specs);
    expect([...schemas.keys()]).toEqual(["cb.two"]);
    expect(unshared).toEqual(["cb.one: a, b, c give it different schemas, so its parser is generated at run time"]);
    const written = prebuiltParsers({ specs });
    expect(written.files.map((f) => f.name)).toEqual(["cb.two"]);
    expect(written.skipped).toEqual(unshared);
  });

  it("gives the redrive a file for every schema of every function it replays through, none of them unshared", () => {
    const { schemas, unshared } = redriveSchemas(FUNCTION_SPECS);
    expect(unshared).toEqual([]);
    for (const own of Object.values(FUNCTION_SPECS)) for (const [name, schema] of schemasOf(own)) expect(schemas.get(name), name).toBe(schema);
  });
});
