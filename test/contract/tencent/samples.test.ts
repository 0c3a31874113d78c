// Each callback file's `sample` (what the sender, tests and benchmarks build from) is a body the
// one-URL function accepts as that callback, with fresh ids on every call; and the catalog list
// holds every callback file's definition.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { AnyCallback, SampleContext } from "../../../shared/core/callback";
import { validate } from "../../../shared/core/issues";
import { tencentCallbacks } from "../../../shared/platforms/tencent/catalog";
import { bodyOf, harness } from "../../helpers/harness";
import { TENCENT_TOKEN, tencentCall } from "../../helpers/requests";
import { sampleContext, tencentSampleBody } from "../../helpers/samples";

type Sample = (ctx: SampleContext) => Record<string, unknown>;
const DIR = new URL("../../../shared/platforms/tencent/callbacks/", import.meta.url);
const files = readdirSync(fileURLToPath(DIR)).filter((f) => f.endsWith(".ts"));
const found: Array<{ file: string; definition: AnyCallback; sample: Sample }> = [];

beforeAll(async () => {
  for (const file of files) {
    const module = (await import(new URL(file, DIR).href)) as Record<string, unknown>;
    const definitions = Object.values(module).filter((v): v is AnyCallback => typeof v === "object" && v !== null && "dedupeId" in v);
    if (definitions.length === 0) continue; // shared field schemas
    expect(definitions, `${file} exports one callback definition`).toHaveLength(1);
    expect(typeof module.sample, `${file} exports sample`).toBe("function");
    found.push({ file, definition: definitions[0]!, sample: module.sample as Sample });
  }
});

describe("Tencent callback samples", () => {
  it("the catalog list holds every callback file's definition, each once, names and aliases unique", () => {
    expect(found.length).toBeGreaterThanOrEqual(17);
    expect(new Set(tencentCallbacks)).toEqual(new Set(found.map((f) => f.definition)));
    expect(tencentCallbacks).toHaveLength(found.length);
    const names = tencentCallbacks.flatMap((c: AnyCallback) => [c.name, ...(c.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
    for (const c of tencentCallbacks as readonly AnyCallback[]) expect(c.description, c.name).toMatch(/^[^\n]{10,120}$/);
  });

  it("each sample is accepted by tencent-live as its callback, with fresh ids on every call", async () => {
    const h = harness("tencent-live");
    for (const { file, definition, sample } of found) {
      const ctx = sampleContext();
      const bodies = [sample(ctx), sample(ctx)];
      expect(bodies[0], file).not.toHaveProperty("CallbackCommand");
      for (const body of bodies) {
        const answer = await h.send(tencentCall({ command: definition.name, body: tencentSampleBody(definition.name, body), token: TENCENT_TOKEN }));
        expect(answer.status, `${file}: ${bodyOf(answer).ErrorInfo}`).toBe(200);
      }
      const [first, second] = h.delivered.slice(-2);
      expect(first, file).toMatchObject({ callback: definition.name, known: true });
      expect(second!.id, `${file}: two samples are two events`).not.toBe(first!.id);
      expect(first!.eventTime, file).toBeGreaterThan(ctx.now - 24 * 3600_000);
      expect(first!.eventTime, file).toBeLessThanOrEqual(ctx.now);
    }
    expect(h.delivered).toHaveLength(found.length * 2);
  });

  it("bare ids given as bigint (how the JSON parser hands over unsafe integers) come out as exact strings", () => {
    for (const { file, definition, sample } of found) {
      const issued: string[] = [];
      const ctx = sampleContext({ bareIds: "bigint" });
      const recording: SampleContext = { ...ctx, bareId: () => ((id) => (issued.push(String(id)), id))(ctx.bareId()) };
      const parsed = validate(definition.schema, sample(recording), definition.name);
      expect(parsed.ok, `${file}: ${parsed.ok ? "" : parsed.message}`).toBe(true);
      if (!parsed.ok) continue;
      const strings = new Set<string>();
      const walk = (v: unknown): void => {
        if (typeof v === "string") strings.add(v);
        else if (typeof v === "object" && v !== null) Object.values(v).forEach(walk);
        expect(typeof v, file).not.toBe("bigint");
      };
      walk(parsed.value);
      for (const id of issued) expect(strings.has(id), `${file}: ${id} kept as a string`).toBe(true);
    }
  });

  it("some samples do send bare 18-digit ids", () => {
    const bare = found.filter(({ sample }) => {
      let used = false;
      const ctx = sampleContext();
      sample({ ...ctx, bareId: () => ((used = true), ctx.bareId()) });
      return used;
    });
    expect(bare.length).toBeGreaterThanOrEqual(5);
  });
});
