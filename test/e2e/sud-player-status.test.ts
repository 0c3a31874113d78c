import { describe, expect, it } from "vitest";
import { captureLogs, loadBundle, RUNTIMES, useEnv } from "../helpers/bundle";
import { fixtureText } from "../helpers/fixtures";
import { SUD_APP_ID, SUD_SECRET, sudCall } from "../helpers/requests";

useEnv({ SUD_APP_ID, SUD_APP_SECRET: `old-secret,${SUD_SECRET}`, SUD_MAX_SIGNATURE_AGE_S: undefined, REDIS_URL: undefined, FORWARD_URL: undefined });
captureLogs();
const handler = loadBundle("sud-player-status");

describe("dist/sud-player-status", () => {
  for (const [runtime, send] of RUNTIMES) {
    it(`${runtime}: accepts player status signed with either secret of a rotation`, async () => {
      for (const secret of ["old-secret", SUD_SECRET]) {
        const body = fixtureText("sud", "player-status").replace("0795d77f85789da0eb387a5096", `${runtime}-${secret}`);
        const result = await send(handler, sudCall({ now: Date.now(), body, secret }));
        expect(result.statusCode).toBe(200);
        expect(JSON.parse(result.body)).toEqual({ ret_code: 0, ret_msg: "SUCCESS" });
      }
    });

    it(`${runtime}: quarantines another notify_event, answered ret_code 0 so that SUD stops retrying`, async () => {
      const result = await send(handler, sudCall({ now: Date.now(), body: fixtureText("sud", "game-player-connect-status") }));
      expect(result.statusCode).toBe(200);
      expect(JSON.parse(result.body)).toMatchObject({ ret_code: 0, ret_msg: expect.stringMatching(/^quarantined: wrong_callback: /) });
    });
  }
});
