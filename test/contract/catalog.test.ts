// Every callback of every platform's catalog is whole: its definition file is in the generated index,
// it has fixtures, a sample the sender builds (by short name and by the platform's own name) that the
// platform's one-URL function accepts as that callback, typed, with fresh ids each time, and a row in
// the README's table. A callback added without any of these fails here (typed handler support is
// checked at compile time in test/types/catalog-types.ts).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { AnyCallback } from "../../shared/core/callback";
import { validate } from "../../shared/core/issues";
import { parseJson } from "../../shared/core/json";
import { PLATFORM_TOOLING } from "../../shared/platforms/tooling";
import { buildCallback } from "../../scripts/send/build";
import { findCallback } from "../../scripts/send/catalogue";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS, type FunctionName } from "../helpers/functions";
import { ENV, harness } from "../helpers/harness";
import { SUD_APP_ID, TENCENT_APP_ID } from "../helpers/requests";
import { sampleContext } from "../helpers/samples";

const README = readFileSync("README.md", "utf8");
const SETTINGS = { ...ENV.tencent, ...ENV.sud, ...ENV.yuanjing, TENCENT_SDK_APP_ID: TENCENT_APP_ID, SUD_APP_ID };

/** A catalog entry's sample validates, bare 64-bit ids included, and gives fresh ids on every call. */
function itsSampleValidates(definition: { readonly name: string }, sample: (ctx: ReturnType<typeof sampleContext>) => unknown): void {
  it("its sample validates, bare 64-bit ids included, with fresh ids on every call", () => {
    const ctx = sampleContext({ bareIds: "bigint" });
    const [a, b] = [sample(ctx), sample(ctx)];
    expect(JSON.stringify(a, big)).not.toBe(JSON.stringify(b, big));
    expect(validate((definition as AnyCallback).schema, a, definition.name)).toMatchObject({ ok: true });
  });
}
describe("the generated catalog index", () => {
  it("is up to date with the definition files (npm run build writes it)", () => {
    const check = spawnSync(process.execPath, ["scripts/catalog.mjs", "--check"], { encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });
});

for (const tooling of PLATFORM_TOOLING) {
  const platform = tooling.platform.name;
  const oneUrl = tooling.oneUrlFunction as FunctionName;

  describe(`${platform}: ${tooling.catalog.length} callbacks`, () => {
    it("each served by the platform's one-URL function; names and aliases unique; a one-line description", () => {
      const served = new Set(FUNCTION_SPECS[oneUrl].callbacks);
      const names = tooling.catalog.flatMap(({ definition }) => [definition.name, ...(definition.aliases ?? [])]);
      expect(new Set(names).size).toBe(names.length);
      // The sender's callback without a schema really has none.
      if (tooling.unknown) expect(names).not.toContain(tooling.unknown.name);
      for (const { definition, description } of tooling.catalog) {
        expect(served.has(definition), definition.name).toBe(true);
        expect(description, definition.name).toMatch(/^[^\n]{10,120}$/);
      }
    });

    for (const { definition, sample, file } of tooling.catalog) {
      describe(definition.name, () => {
        it(`has fixtures (test/fixtures/${tooling.fixtures}/${file}.json) and a row in the README's table`, () => {
          expect(existsSync(`test/fixtures/${tooling.fixtures}/${file}.json`)).toBe(true);
          expect(README).toContain(`| \`${definition.name}\``);
        });

        itsSampleValidates(definition, sample);

        it("the sender builds it by short name and by the platform's name, and the one-URL function accepts it, typed", async () => {
          expect(findCallback(`${platform}-${file}`)?.callback).toBe(definition.name);
          expect(findCallback(definition.name)?.name).toBe(`${platform}-${file}`);
          const h = harness(oneUrl, { now: Date.now() });
          for (let i = 0; i < 2; i++) {
            const { request } = buildCallback(definition.name, { settings: SETTINGS, now: h.clock.now() });
            const call = { method: request.method, path: "/", query: request.query, headers: request.headers, body: Buffer.from(request.body) };
            const answer = await h.process(toInbound(call, h.clock.now()));
            expect(answer.status, answer.body).toBe(200);
          }
          expect(h.delivered.map((e) => [e.callback, e.known])).toEqual([
            [definition.name, true],
            [definition.name, true],
          ]);
          expect(h.delivered[0]!.id).not.toBe(h.delivered[1]!.id);
        });
      });
    }
  });
}

// Interfaces the platform calls at a prefix of the app's (SUD's app server): each is whole the same way, and its
// sample is answered by its own function (if it has one) and by the prefix function at <url>/<interface>.
for (const tooling of PLATFORM_TOOLING) {
  const interfaces = tooling.interfaces;
  if (!interfaces) continue;
  const platform = tooling.platform.name;
  const prefix = interfaces.prefixFunction as FunctionName;

  describe(`${platform}: ${interfaces.catalog.length} app-server interfaces`, () => {
    it(`each served by ${prefix}; names unique, and apart from the notifications'; a one-line description`, () => {
      const served = new Set(FUNCTION_SPECS[prefix].callbacks);
      const names = interfaces.catalog.map(({ definition }) => definition.name);
      expect(new Set(names).size).toBe(names.length);
      for (const { definition } of tooling.catalog) expect(names).not.toContain(definition.name);
      for (const { definition, description } of interfaces.catalog) {
        expect(served.has(definition), definition.name).toBe(true);
        expect(description, definition.name).toMatch(/^[^\n]{10,120}$/);
      }
    });

    for (const { definition, sample, file } of interfaces.catalog) {
      describe(definition.name, () => {
        it(`has fixtures (test/fixtures/${tooling.fixtures}/app-server/${file}.json), validated, and a row in the README's table`, () => {
          const fixture = `test/fixtures/${tooling.fixtures}/app-server/${file}.json`;
          expect(existsSync(fixture)).toBe(true);
          // Read as the functions read a body: a 64-bit integer keeps every digit.
          const parsed = parseJson(readFileSync(fixture, "utf8"));
          expect(parsed.ok && validate((definition as AnyCallback).schema, parsed.value, definition.name)).toMatchObject({ ok: true });
          expect(README).toContain(`| \`${definition.name}\``);
        });

        itsSampleValidates(definition, sample);

        const short = `${platform}-${file}`;
        const own = (Object.keys(FUNCTION_SPECS) as FunctionName[]).filter((fn) => fn === short);
        for (const fn of [...own, prefix]) {
          it(`the sender builds it by short name and by the platform's name, and ${fn} answers it (HTTP 200), typed`, async () => {
            expect(findCallback(short)?.callback).toBe(definition.name);
            expect(findCallback(definition.name)?.name).toBe(short);
            expect(findCallback(short)?.fn).toBe(own[0] ?? prefix);
            const h = harness(fn, { now: Date.now() });
            for (let i = 0; i < 2; i++) {
              const { request } = buildCallback(definition.name, { settings: SETTINGS, now: h.clock.now() });
              const call = { method: request.method, path: `/prefix/${definition.name}`, query: request.query, headers: request.headers, body: Buffer.from(request.body) };
              const answer = await h.process(toInbound(call, h.clock.now()));
              expect(answer.status, answer.body).toBe(200);
              expect(JSON.parse(answer.body).ret_msg, answer.body).not.toMatch(/^quarantined: /);
            }
            expect(h.delivered.map((e) => [e.callback, e.known])).toEqual([
              [definition.name, true],
              [definition.name, true],
            ]);
            expect(h.delivered[0]!.id).not.toBe(h.delivered[1]!.id);
          });
        }
      });
    }
  });
}

function big(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}
