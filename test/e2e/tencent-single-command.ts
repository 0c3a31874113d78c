/** The same end-to-end checks for each of the three single-command Tencent bundles. */
import { describe, expect, it } from "vitest";
import { loadBundle, RUNTIMES, useEnv } from "../helpers/bundle";
import { fixtureText } from "../helpers/fixtures";
import type { FunctionName } from "../helpers/functions";
import { TENCENT_APP_ID, TENCENT_TOKEN, tencentCall } from "../helpers/requests";

export function singleCommandSuite(fn: FunctionName, command: string, fixture: string, otherCommand: string, otherFixture: string): void {
  useEnv({ TENCENT_SDK_APP_ID: TENCENT_APP_ID, TENCENT_CALLBACK_TOKEN: TENCENT_TOKEN, REDIS_URL: undefined, FORWARD_URL: undefined });
  const handler = loadBundle(fn);
  const signed = (cmd: string, body: string) => tencentCall({ command: cmd, body, token: TENCENT_TOKEN, now: Date.now() });

  describe(`dist/${fn}`, () => {
    for (const [runtime, send] of RUNTIMES) {
      it(`${runtime}: accepts ${command} (the documented sample), and again as a duplicate`, async () => {
        for (let i = 0; i < 2; i++) {
          const result = await send(handler, signed(command, fixtureText("tencent", fixture)));
          expect(result).toMatchObject({ statusCode: 200, isBase64Encoded: false });
          expect(JSON.parse(result.body)).toEqual({ ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 });
          expect(result.headers["content-type"]).toMatch(/^application\/json/);
        }
      });

      it(`${runtime}: quarantines ${otherCommand}: FAIL with ErrorCode 400, over HTTP 200`, async () => {
        const result = await send(handler, signed(otherCommand, fixtureText("tencent", otherFixture)));
        expect(result.statusCode).toBe(200);
        expect(JSON.parse(result.body)).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 400, ErrorInfo: expect.stringMatching(/^quarantined: wrong_callback: /) });
      });

      it(`${runtime}: refuses an unsigned callback with 401`, async () => {
        const result = await send(handler, tencentCall({ command, body: fixtureText("tencent", fixture) }));
        expect(result.statusCode).toBe(401);
      });
    }
  });
}
