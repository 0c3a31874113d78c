import { describe, expect, it } from "vitest";
import { assignEnv, captureLogs, loadBundle, useEnv, viaFc } from "../helpers/bundle";
import { httpCall } from "../helpers/events";
import type { FunctionName } from "../helpers/functions";

const SETTINGS = [
  "TENCENT_SDK_APP_ID",
  "TENCENT_CALLBACK_TOKEN",
  "SUD_APP_ID",
  "SUD_APP_SECRET",
  "SUD_MAX_SIGNATURE_AGE_S",
  "YUANJING_APP_SECRET",
  "YUANJING_SIGN_MAX_AGE_S",
  "REDIS_URL",
  "FORWARD_URL",
] as const;
useEnv(Object.fromEntries(SETTINGS.map((name) => [name, undefined])));
const logs = captureLogs();

const cases: Array<[FunctionName, Record<string, string>, string, (body: any) => unknown]> = [
  ["tencent-live", {}, "TENCENT_SDK_APP_ID", (b) => b.ErrorInfo],
  ["tencent-live-battle-start", {}, "TENCENT_SDK_APP_ID", (b) => b.ErrorInfo],
  ["tencent-live-battle-end", { TENCENT_SDK_APP_ID: "1400", TENCENT_CALLBACK_TOKEN: " , " }, "TENCENT_CALLBACK_TOKEN", (b) => b.ErrorInfo],
  ["tencent-live-room-destroyed", {}, "TENCENT_SDK_APP_ID", (b) => b.ErrorInfo],
  ["sud-notify", { SUD_APP_ID: "1" }, "SUD_APP_SECRET", (b) => b.ret_msg],
  ["sud-player-status", { SUD_APP_SECRET: "s" }, "SUD_APP_ID", (b) => b.ret_msg],
  ["yuanjing-session-lifecycle", { YUANJING_SIGN_MAX_AGE_S: "a while" }, "YUANJING_SIGN_MAX_AGE_S", (b) => b.error_response.sub_msg],
];

describe("a misconfigured bundle fails closed, naming the variable", () => {
  for (const [fn, env, variable, message] of cases) {
    it(`dist/${fn} without a valid ${variable}`, async () => {
      assignEnv(Object.fromEntries(SETTINGS.map((name) => [name, env[name]])));
      const handler = loadBundle(fn);
      const result = await viaFc(handler, httpCall({ body: "{}" }));
      expect(result.statusCode).toBe(500);
      expect(message(JSON.parse(result.body))).toContain(variable);
      expect(logs.lines().some((l) => l.level === "error" && JSON.stringify(l).includes(variable))).toBe(true);
    });
  }
});
