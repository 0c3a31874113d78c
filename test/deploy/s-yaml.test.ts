// s.yaml against the fc3 component's own JSON schema (test/deploy/fc3/props.schema.json), after
// resolving ${env(...)} and ${vars.*} as Serverless Devs does before it hands props to the component.
import { readdirSync, readFileSync } from "node:fs";
import { platformOf } from "../helpers/functions";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { readDevsDocument, resolvedProps } from "../../scripts/emulator/manifest/s-yaml";
import { FULL_SETTINGS as FULL_ENV, REQUIRED_SETTINGS as REQUIRED_ENV } from "./example-settings";
import { configurationNames, declarationProblems, documentedNames, REDRIVE_FUNCTION } from "./configuration-names";
import { fc3Vendor } from "./fc3/vendor";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const schema = fc3Vendor("props.schema.json") as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const doc = readDevsDocument(ROOT);
const FUNCTIONS = readdirSync(join(ROOT, "functions")).sort();
/** The functions that receive callbacks over HTTP: all but the redrive, which a timer runs. */
const CALLBACK_FUNCTIONS = FUNCTIONS.filter((fn) => fn !== REDRIVE_FUNCTION);
const raw = readFileSync(join(ROOT, "s.yaml"), "utf8");

const errorsOf = (props: unknown) => (validate(props) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe("s.yaml", () => {
  it("is checked with a value for every setting the code reads (the 元镜 FC group and name come from its vars)", () => {
    expect(configurationNames(ROOT).filter((name) => !(name in FULL_ENV))).toEqual(["YUANJING_FC_GROUP", "YUANJING_FC_NAME"]);
  });

  it("is Serverless Devs edition 3.0.0 with one fc3 resource per function", () => {
    expect(doc.edition).toBe("3.0.0");
    expect(Object.keys(doc.resources ?? {}).sort()).toEqual(FUNCTIONS);
    for (const resource of Object.values(doc.resources ?? {})) expect(resource.component).toBe("fc3");
  });

  it.each([
    ["every variable set", FULL_ENV],
    ["only the required variables set", REQUIRED_ENV],
  ])("validates against the fc3 props schema with %s", (_, env) => {
    const props = resolvedProps(doc, env);
    expect(Object.keys(props)).toHaveLength(FUNCTIONS.length);
    for (const [name, p] of Object.entries(props)) expect(errorsOf(p), name).toEqual([]);
  });

  it("uses a real validator: a wrong runtime, memory size or trigger is caught", () => {
    const props = resolvedProps(doc, FULL_ENV)["tencent-live"]!;
    expect(errorsOf({ ...props, runtime: "nodejs99" }).join()).toMatch(/runtime/);
    expect(errorsOf({ ...props, memorySize: 100 }).join()).toMatch(/memorySize/);
    expect(errorsOf({ ...props, triggers: [{ triggerName: "http", triggerType: "http" }] }).join()).toMatch(/triggerConfig/);
    const timer = { triggerName: "redrive", triggerType: "cron", triggerConfig: { cronExpression: "@every 5m", enable: true } };
    expect(errorsOf({ ...props, triggers: [timer] }).join()).toMatch(/triggerType/);
  });

  it.each(CALLBACK_FUNCTIONS)("%s deploys its own bundle folder on nodejs20 with an anonymous HTTP trigger", (fn) => {
    const p = resolvedProps(doc, FULL_ENV)[fn]!;
    expect(p).toMatchObject({ code: `./dist/${fn}`, runtime: "nodejs20", handler: "index.handler" });
    const [trigger] = p.triggers as any[];
    expect(trigger).toMatchObject({ triggerType: "http", triggerConfig: { authType: "anonymous" } });
    expect(trigger.triggerConfig.methods).toContain("POST");
    // Tencent waits 2 s: its functions must not be given long to answer; none waits forever.
    expect(p.timeout as number).toBeLessThanOrEqual(platformOf(fn) === "tencent-live" ? 3 : 30);
  });

  it("runs dead-letter-redrive by an enabled timer every few minutes, never over HTTP, with a timeout that leaves a run time to work", () => {
    const p = resolvedProps(doc, FULL_ENV)[REDRIVE_FUNCTION]!;
    expect(errorsOf(p)).toEqual([]);
    expect(p).toMatchObject({ code: `./dist/${REDRIVE_FUNCTION}`, runtime: "nodejs20", handler: "index.handler", timeout: 60 });
    expect(p.triggers).toEqual([
      { triggerName: "redrive", triggerType: "timer", triggerConfig: { cronExpression: "@every 5m", enable: true, payload: '{"redrive":"scheduled"}' } },
    ]);
  });

  it("gives dead-letter-redrive every platform's settings and the REDRIVE_ ones, which no other function gets", () => {
    const props = resolvedProps(doc, FULL_ENV);
    const redrive = props[REDRIVE_FUNCTION]!.environmentVariables as Record<string, string>;
    for (const [name, value] of Object.entries(FULL_ENV)) expect(redrive[name], name).toBe(value);
    expect(redrive).toMatchObject({ YUANJING_FC_GROUP: "fc-dg-common", YUANJING_FC_NAME: "cg" });
    for (const fn of CALLBACK_FUNCTIONS)
      expect(
        Object.keys(props[fn]!.environmentVariables as object).filter((n) => n.startsWith("REDRIVE_")),
        fn,
      ).toEqual([]);
  });

  it("passes each function its platform's variables, from the deployer's environment", () => {
    const props = resolvedProps(doc, FULL_ENV);
    const envOf = (fn: string) => props[fn]!.environmentVariables as Record<string, string>;
    const shared = { REDIS_URL: FULL_ENV.REDIS_URL, REDIS_STREAM: "callbacks", FORWARD_URL: FULL_ENV.FORWARD_URL, FORWARD_SECRET: FULL_ENV.FORWARD_SECRET };
    for (const fn of FUNCTIONS.filter((f) => platformOf(f) === "tencent-live")) {
      expect(envOf(fn)).toMatchObject({ TENCENT_SDK_APP_ID: "1400000001", TENCENT_CALLBACK_TOKEN: "token", ...shared });
    }
    for (const fn of FUNCTIONS.filter((f) => platformOf(f) === "sud")) {
      expect(envOf(fn)).toMatchObject({ SUD_APP_ID: FULL_ENV.SUD_APP_ID, SUD_APP_SECRET: FULL_ENV.SUD_APP_SECRET, SUD_MAX_SIGNATURE_AGE_S: "86400", ...shared });
    }
    expect(envOf("yuanjing-session-lifecycle")).toMatchObject({ YUANJING_APP_SECRET: "top-secret", YUANJING_SIGN_MAX_AGE_S: "900", YUANJING_CONSUME_STATE: "0", ...shared });
    for (const name of Object.keys(FULL_ENV)) expect(raw).toContain(`\${env('${name}'`);
  });

  it("gives every optional variable an empty default, and only the required ones none, so `s deploy` stops only for those", () => {
    const text = raw.replace(/^\s*#.*$/gm, "");
    const references = [...text.matchAll(/\$\{env\('([A-Z0-9_]+)'(, '')?\)\}/g)];
    expect(references.length).toBe([...text.matchAll(/\$\{env\(/g)].length);
    const withoutDefault = [...new Set(references.filter((m) => m[2] === undefined).map((m) => m[1]))].sort();
    expect(withoutDefault).toEqual(Object.keys(REQUIRED_ENV).sort());
    expect(() => resolvedProps(doc, {})).toThrow(/env\('(TENCENT_SDK_APP_ID|SUD_APP_ID|SUD_APP_SECRET)'\) not found/);
  });

  it("says each shared setting once: every function's props come from the shared anchors", () => {
    expect(raw.match(/runtime: nodejs20/g)).toHaveLength(1);
    expect(raw.match(/authType: anonymous/g)?.length).toBeLessThanOrEqual(2);
    for (const name of Object.keys(FULL_ENV)) expect(raw.split(`${name}: \${env(`).length - 1, name).toBe(1);
  });

  it("passes every variable the code reads to the functions of its platform, and no other platform's", () => {
    const names = configurationNames(ROOT);
    expect(names).toEqual(expect.arrayContaining(["TENCENT_SDK_APP_ID", "SUD_APP_SECRET", "YUANJING_FC_NAME", "REDIS_URL", "FORWARD_SECRET"]));
    const props = resolvedProps(doc, FULL_ENV);
    const documented = documentedNames(ROOT);
    const problems = FUNCTIONS.flatMap((fn) => declarationProblems(fn, Object.keys(props[fn]!.environmentVariables as object), names, documented));
    expect(problems).toEqual([]);
  });

  it("gives every function the dead-letter key, and the 元镜 function its unsigned-HTTP switch", () => {
    const props = resolvedProps(doc, FULL_ENV);
    for (const fn of FUNCTIONS) expect(props[fn]!.environmentVariables, fn).toMatchObject({ DEAD_LETTER_KEY: "dead-letter-mac-key" });
    expect(props["yuanjing-session-lifecycle"]!.environmentVariables).toMatchObject({ YUANJING_ALLOW_UNSIGNED_HTTP: "false" });
  });

  it("names the 元镜 function after the fc_group / fc_name pair it serves, and configures it with that pair", () => {
    const p = resolvedProps(doc, FULL_ENV)["yuanjing-session-lifecycle"]!;
    const env = p.environmentVariables as Record<string, string>;
    expect(env).toMatchObject({ YUANJING_FC_GROUP: "fc-dg-common", YUANJING_FC_NAME: "cg" });
    expect(p.functionName).toBe(`${env.YUANJING_FC_GROUP}-${env.YUANJING_FC_NAME}`);
  });
});
