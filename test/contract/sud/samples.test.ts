// Every SUD callback file brings a realistic sample of its data (the sender and benchmarks build on it):
// each is accepted by the one notify URL as its own typed event, with fresh ids on every call.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { AnyCallback } from "../../../shared/core/callback";
import { sudCallbacks } from "../../../shared/platforms/sud/catalog";
import { bodyOf, harness } from "../../helpers/harness";
import { sudCall } from "../../helpers/requests";
import { sampleContext, sudSampleBody } from "../../helpers/samples";

const DIR = new URL("../../../shared/platforms/sud/callbacks/", import.meta.url);
type CallbackModule = Record<string, unknown> & { sample?: (ctx: ReturnType<typeof sampleContext>) => Record<string, unknown> };

const isDefinition = (value: unknown): value is AnyCallback =>
  typeof value === "object" && value !== null && typeof (value as AnyCallback).name === "string" && "schema" in value && "dedupeId" in value;

/** Each callback file: its definition and its sample (helper files export no definition). */
async function callbackFiles(): Promise<Array<{ file: string; definition: AnyCallback; mod: CallbackModule }>> {
  const found = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".ts")).sort()) {
    const mod = (await import(new URL(file, DIR).href)) as CallbackModule;
    const definitions = Object.values(mod).filter(isDefinition);
    if (definitions.length === 0) continue;
    expect(definitions, `${file} defines one callback`).toHaveLength(1);
    found.push({ file, definition: definitions[0]!, mod });
  }
  return found;
}

describe("SUD callback files", () => {
  it("one file per callback, named after it, each in the catalog the one notify URL serves", async () => {
    const files = await callbackFiles();
    expect(files.map((f) => f.file)).toEqual(files.map((f) => `${f.definition.name.replace("sud.mg.merchant.", "").replace(/\./g, "-")}.ts`));
    expect(new Set(files.map((f) => f.definition))).toEqual(new Set(sudCallbacks));
    expect(sudCallbacks.length).toBe(24);
  });

  it("each sample is accepted as its own typed event, with fresh ids on every call", async () => {
    const h = harness("sud-notify");
    for (const { file, definition, mod } of await callbackFiles()) {
      expect(typeof mod.sample, `${file} exports sample`).toBe("function");
      const context = sampleContext();
      const [first, second] = [mod.sample!(context), mod.sample!(context)];
      expect(JSON.stringify(first), file).not.toBe(JSON.stringify(second));
      for (const data of [first, second]) {
        const answer = await h.send(sudCall({ body: sudSampleBody(definition.name, data, context) }));
        expect(bodyOf(answer), file).toEqual({ ret_code: 0, ret_msg: "SUCCESS" });
      }
      const [a, b] = h.delivered.slice(-2);
      expect([a?.callback, b?.callback, a?.known], file).toEqual([definition.name, definition.name, true]);
      expect(a!.id, file).not.toBe(b!.id);
      expect(a!.eventTime, file).toBeGreaterThan(context.now - 3_600_000);
    }
  });
});
