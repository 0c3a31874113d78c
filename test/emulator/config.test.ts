// How the emulator and the sender get their configuration, and read the deploy files' variables.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEV_CREDENTIALS, resolveSettings } from "../../scripts/dev-credentials";
import { parseDotenv } from "../../scripts/emulator/dotenv";
import { resolveDevs, resolveFramework } from "../../scripts/emulator/manifest/variables";
import { readVerdict } from "../../scripts/emulator/verdict";

const dir = mkdtempSync(join(tmpdir(), "settings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("settings: development defaults < .env < environment", () => {
  it("uses the development credentials when nothing is configured", () => {
    expect(resolveSettings({ env: {}, cwd: dir }).env).toMatchObject(DEV_CREDENTIALS);
  });

  it("lets .env override the defaults and the environment override .env; empty values override nothing", () => {
    writeFileSync(join(dir, ".env"), "# mine\nexport TENCENT_SDK_APP_ID=1400999999\nSUD_APP_SECRET='from file'\nSUD_APP_ID=\nREDIS_URL=redis://x # comment\n");
    const { env, source } = resolveSettings({ env: { SUD_APP_SECRET: "from env", TENCENT_CALLBACK_TOKEN: "" }, cwd: dir });
    expect(env).toMatchObject({ TENCENT_SDK_APP_ID: "1400999999", SUD_APP_SECRET: "from env", SUD_APP_ID: DEV_CREDENTIALS.SUD_APP_ID, REDIS_URL: "redis://x" });
    expect(env.TENCENT_CALLBACK_TOKEN).toBe(DEV_CREDENTIALS.TENCENT_CALLBACK_TOKEN);
    expect(source).toMatchObject({ TENCENT_SDK_APP_ID: ".env", SUD_APP_SECRET: "environment", SUD_APP_ID: "default" });
  });

  it("reads double-quoted values with \\n", () => {
    expect(parseDotenv('A="x\\ny"\nB=plain\n=bad\n')).toEqual({ A: "x\ny", B: "plain" });
  });
});

describe("deploy-file variables", () => {
  it("resolves Serverless Devs ${env('X')}, ${env(X)}, ${env('X', default)} and ${vars.*}, spliced or whole, as the CLI does", () => {
    const scope = { env: { A: "1", B: "two", EMPTY: "" }, vars: { region: "cn-hangzhou", pair: { g: "fc-dg-common" }, obj: { k: "v" } } };
    expect(
      resolveDevs(
        {
          a: "${env('A')}",
          b: '${env(B)}-${env("A")}',
          c: "${vars.pair.g}-cg",
          d: "${vars.obj}",
          e: "${env('UNSET', '')}",
          f: "${env('EMPTY', 'fallback, with comma')}",
          g: "${env('UNSET', 42)}",
          h: "x-${env('UNSET', \"\")}-y",
          i: "${env( 'A' , 'no' )}",
        },
        scope,
      ),
    ).toEqual({ a: "1", b: "two-1", c: "fc-dg-common-cg", d: { k: "v" }, e: "", f: "fallback, with comma", g: 42, h: "x--y", i: "1" });
    expect(() => resolveDevs("${vars.missing}", scope)).toThrow(/vars/);
  });

  it("stops where the Serverless Devs CLI stops: an unset or empty variable without a default, and forms it cannot read", () => {
    const scope = { env: { A: "1", EMPTY: "" }, vars: {} };
    expect(() => resolveDevs("${env('UNSET')}", scope)).toThrow("env('UNSET') not found");
    expect(() => resolveDevs("${env(EMPTY)}", scope)).toThrow("env('EMPTY') not found");
    expect(() => resolveDevs("${env.A}", scope)).toThrow(/not read by the Serverless Devs CLI/);
    expect(() => resolveDevs("${env(A, '')}", scope)).toThrow(/not read by the Serverless Devs CLI/);
    // The CLI's own stores stand in as the emulator's settings, by name.
    expect(resolveDevs({ s: "${secret('A')}", c: '${config("A")}' }, scope)).toEqual({ s: "1", c: "1" });
    expect(() => resolveDevs("${secret('UNSET')}", scope)).toThrow(/set UNSET/);
    // Read for names only (npm run invoke): an unset required variable reads as empty.
    expect(resolveDevs("${env('UNSET')}", { ...scope, unset: "empty" })).toBe("");
  });

  it("resolves Serverless Framework ${env:X, default}, ${opt:...}, ${self:...} and ${sls:stage}; an empty variable is set, as the Framework takes it", () => {
    const self = { provider: { stage: "${opt:stage, 'dev'}" } };
    const scope = { env: { SET: "yes", EMPTY: "" }, options: { stage: "prod" }, self };
    expect(
      resolveFramework(
        {
          a: "${env:SET}",
          b: "${env:EMPTY, 'not used'}",
          c: "${env:UNSET, 'fallback, with comma'}",
          d: "${self:provider.stage}",
          e: "${sls:stage}-x",
          f: "${env:UNSET, 42}",
          g: "${env:EMPTY}",
        },
        scope,
      ),
    ).toEqual({ a: "yes", b: "", c: "fallback, with comma", d: "prod", e: "prod-x", f: 42, g: "" });
    expect(() => resolveFramework("${env:UNSET}", scope)).toThrow(/no default/);
  });
});

describe("verdicts read from the platforms' acks", () => {
  it.each([
    [200, '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}', true],
    [401, '{"ActionStatus":"FAIL","ErrorInfo":"signature_invalid: x","ErrorCode":401}', false],
    [200, '{"ret_code":0,"ret_msg":"SUCCESS"}', true],
    [503, '{"ret_code":503,"ret_msg":"delivery_failed: x"}', false],
    [200, '{"result":{"code":"0","message":"成功","data":{"message":"成功","consume_state":0}}}', true],
    [400, '{"error_response":{"code":50,"msg":"Remote service error","sub_code":"isv.invalid-parameter","sub_msg":"x"}}', false],
    [
      200,
      '<?xml version="1.0" encoding="utf-8"?><alibaba_fc_cloud_rendering_sessionlifecyclenotify_response><result><code>0</code></result></alibaba_fc_cloud_rendering_sessionlifecyclenotify_response>',
      true,
    ],
    [401, '<?xml version="1.0" encoding="utf-8"?><error_response><code>50</code><sub_code>isv.invalid-signature</sub_code><sub_msg>x</sub_msg></error_response>', false],
    [502, '{"errorMessage":"boom"}', false],
    // Quarantined: answered so the platform stops retrying, but not accepted.
    [200, '{"ret_code":0,"ret_msg":"quarantined: invalid: x"}', false],
    [200, '{"ActionStatus":"FAIL","ErrorInfo":"quarantined: invalid: x","ErrorCode":400}', false],
    [200, '{"result":{"code":"0","message":"quarantined: isv.invalid-parameter: x","data":{"message":"quarantined: isv.invalid-parameter: x","consume_state":0}}}', false],
    [
      200,
      '<?xml version="1.0" encoding="utf-8"?><alibaba_fc_cloud_rendering_sessionlifecyclenotify_response><result><code>0</code><message>quarantined: isv.invalid-parameter: x</message></result></alibaba_fc_cloud_rendering_sessionlifecyclenotify_response>',
      false,
    ],
  ])("HTTP %i %s → accepted %s", (status, body, accepted) => {
    expect(readVerdict(status, body).accepted).toBe(accepted);
  });
});
