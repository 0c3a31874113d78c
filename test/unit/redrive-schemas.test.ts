// The redrive runs letters through every function's own spec, and tries a quarantined letter again only
// once the schemas that refused it changed: what the schema fingerprint sees, and what it ignores.
import { readdirSync } from "node:fs";
import fc from "fast-check";
import * as z from "zod/mini";
import { describe, expect, it } from "vitest";
import { defineCallback } from "../../shared/core/callback";
import { sud } from "../../shared/platforms/sud";
import { sudCallbacks } from "../../shared/platforms/sud/catalog";
import { tencentCallbacks } from "../../shared/platforms/tencent/catalog";
import { schemaFingerprint } from "../../shared/redrive/fingerprint";
import { FUNCTION_SPECS } from "../../functions/dead-letter-redrive/functions";

const callback = (name: string, schema: z.ZodMiniType) => defineCallback({ name, description: "", schema: () => schema, dedupeId: () => "id", eventTime: () => undefined });
const specOf = (...callbacks: ReturnType<typeof callback>[]) => ({ platform: sud, callbacks });
const order = (fields: Record<string, z.ZodMiniType>) => z.looseObject(fields);

describe("the functions the redrive knows", () => {
  it("are every folder of functions/ but its own, each with the spec its own handler carries (the very object, not a copy)", async () => {
    const folders = readdirSync("functions")
      .filter((name) => name !== "dead-letter-redrive")
      .sort();
    expect(Object.keys(FUNCTION_SPECS).sort()).toEqual(folders);
    for (const name of folders) {
      const { handler } = (await import(`../../functions/${name}/index.ts`)) as { handler: { spec: unknown } };
      expect(FUNCTION_SPECS[name], name).toBe(handler.spec);
    }
  });
});

describe("schema fingerprint", () => {
  it("is the same for the same definitions built twice, whatever the order of the callbacks", () => {
    const a = () => callback("a", order({ id: z.string(), n: z.optional(z.number().check(z.minimum(1))) }));
    const b = () => callback("b", z.array(z.union([z.literal(0), z.literal(1)])));
    expect(schemaFingerprint(specOf(a(), b()))).toBe(schemaFingerprint(specOf(b(), a())));
    expect(schemaFingerprint(specOf(a()))).toMatch(/^[0-9a-f]{16}$/);
  });

  it("changes with any change a validation failure could be fixed by: a field, a type, an optional, a limit, a literal, a name, the catalog", () => {
    const base = order({ id: z.string(), count: z.number().check(z.minimum(1)), kind: z.literal("x") });
    const variants = [
      order({ id: z.string(), count: z.number().check(z.minimum(1)), kind: z.literal("x"), extra: z.string() }),
      order({ id: z.number(), count: z.number().check(z.minimum(1)), kind: z.literal("x") }),
      order({ id: z.optional(z.string()), count: z.number().check(z.minimum(1)), kind: z.literal("x") }),
      order({ id: z.string(), count: z.number().check(z.minimum(0)), kind: z.literal("x") }),
      order({ id: z.string(), count: z.number(), kind: z.literal("x") }),
      order({ id: z.string(), count: z.number().check(z.minimum(1)), kind: z.literal("y") }),
      order({ id: z.string(), count: z.number().check(z.minimum(1)), kind: z.union([z.literal("x"), z.literal("y")]) }),
      z.object({ id: z.string(), count: z.number().check(z.minimum(1)), kind: z.literal("x") }),
    ];
    const prints = new Set([base, ...variants].map((schema) => schemaFingerprint(specOf(callback("c", schema)))));
    expect(prints.size).toBe(variants.length + 1);
    expect(schemaFingerprint(specOf(callback("c", base)))).not.toBe(schemaFingerprint(specOf(callback("d", base))));
    expect(schemaFingerprint({ platform: sud, callbacks: sudCallbacks })).not.toBe(schemaFingerprint({ platform: sud, callbacks: sudCallbacks.slice(1) }));
    expect(schemaFingerprint({ platform: sud, callbacks: sudCallbacks })).not.toBe(schemaFingerprint({ platform: sud, callbacks: sudCallbacks, passUnknown: true }));
  });

  it("tells any two different string enums apart (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }), fc.string({ minLength: 1, maxLength: 6 }), (values, added) => {
        fc.pre(!values.includes(added));
        const before = schemaFingerprint(specOf(callback("e", z.enum(values as [string, ...string[]]))));
        const after = schemaFingerprint(specOf(callback("e", z.enum([added, ...values] as [string, ...string[]]))));
        expect(after).not.toBe(before);
      }),
    );
  });

  it("reads every function's catalog, cycles and all, and each function its own", () => {
    const prints = Object.fromEntries(Object.entries(FUNCTION_SPECS).map(([name, spec]) => [name, schemaFingerprint(spec)]));
    expect(new Set(Object.values(prints)).size).toBe(Object.keys(prints).length);
    expect(schemaFingerprint({ platform: sud, callbacks: sudCallbacks })).toBe(schemaFingerprint({ platform: sud, callbacks: [...sudCallbacks] }));
    expect(tencentCallbacks.length).toBeGreaterThan(10);
    const recursive: z.ZodMiniType = z.looseObject({
      get child() {
        return z.optional(recursive);
      },
    });
    expect(schemaFingerprint(specOf(callback("r", recursive)))).toMatch(/^[0-9a-f]{16}$/);
  });
});
