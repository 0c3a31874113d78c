import { describe, expect, it } from "vitest";
import { captureLogs, FC_CONTEXT, loadBundle, RUNTIMES, useEnv } from "../helpers/bundle";
import { fcHttpBuffer } from "../helpers/events";
import { fixtureText } from "../helpers/fixtures";
import { SUD_APP_ID, SUD_SECRET, sudCall, sudEnvelope } from "../helpers/requests";

useEnv({ SUD_APP_ID, SUD_APP_SECRET: SUD_SECRET, SUD_MAX_SIGNATURE_AGE_S: undefined, REDIS_URL: undefined, FORWARD_URL: undefined });
const logs = captureLogs();
const handler = loadBundle("sud-notify");
const SUCCESS = { ret_code: 0, ret_msg: "SUCCESS" };

describe("dist/sud-notify", () => {
  for (const [runtime, send] of RUNTIMES) {
    it(`${runtime}: accepts player status and an event it has no schema for`, async () => {
      const status = await send(handler, sudCall({ now: Date.now(), body: fixtureText("sud", "player-status").replace("0795d77f85789da0eb387a5096", `ps-${runtime}`) }));
      expect(status.statusCode).toBe(200);
      expect(JSON.parse(status.body)).toEqual(SUCCESS);
      const other = await send(handler, sudCall({ now: Date.now(), body: sudEnvelope("sud.mg.merchant.future.event", { order_id: "1" }, `fe-${runtime}`) }));
      expect(JSON.parse(other.body)).toEqual(SUCCESS);
    });

    it(`${runtime}: refuses a wrong signature (401, non-zero ret_code) and GET (405)`, async () => {
      const wrong = await send(handler, sudCall({ now: Date.now(), body: fixtureText("sud", "player-status"), secret: "wrong" }));
      expect(wrong.statusCode).toBe(401);
      expect(JSON.parse(wrong.body).ret_code).toBe(401);
      const get = await send(handler, sudCall({ now: Date.now(), body: "", method: "GET" }));
      expect(get.statusCode).toBe(405);
    });
  }

  it("verifies a plain (not base64) FC body over its exact bytes", async () => {
    const body = '{"notify_id" : "plain-1", "notify_time":"1647834452408","notify_event":"sud.mg.merchant.future.event","data":{"x" : 1}}';
    const result = (await handler(fcHttpBuffer(sudCall({ now: Date.now(), body }), { base64: false }), FC_CONTEXT)) as { statusCode: number };
    expect(result.statusCode).toBe(200);
  });

  it("logs player status with the game named and hosting listed", () => {
    const accepted = logs.lines().find((l) => l.msg === "callback accepted" && l.event?.known);
    expect(accepted?.event.data).toMatchObject({
      game: "LUDO",
      hosting: [
        { uid: "u001", managed: true },
        { uid: "u002", managed: false },
      ],
    });
  });
});
