import { describe, expect, it } from "vitest";
import { captureLogs, loadBundle, RUNTIMES, useEnv } from "../helpers/bundle";
import { fixtureText } from "../helpers/fixtures";
import { SUD_APP_ID, SUD_SECRET, sudCall } from "../helpers/requests";

// The built bundle without handlers: every interface answered at <prefix>/<interface> by its answer.js.
useEnv({ SUD_APP_ID, SUD_APP_SECRET: SUD_SECRET, REDIS_URL: undefined, FORWARD_URL: undefined });
const logs = captureLogs();
const handler = loadBundle("sud-app-server");
const ANSWERING = ["get_sstoken", "update_sstoken", "get_user_info", "get_account", "get_score", "update_score"];
const call = (name: string, body = fixtureText("sud", `app-server/${name.replace(/_/g, "-")}`)) => sudCall({ now: Date.now(), path: `/sud/${name}`, body });

describe("dist/sud-app-server serves every interface by the URL's last segment", () => {
  for (const [runtime, send] of RUNTIMES) {
    it(`${runtime}: answers each answering interface "not implemented" (HTTP 200, ret_code 1) without a handler`, async () => {
      for (const name of ANSWERING) {
        const result = await send(handler, call(name));
        expect(result.statusCode, name).toBe(200);
        expect(JSON.parse(result.body)).toEqual({ ret_code: 1, ret_msg: `not implemented: the app server has no handler for ${name}`, data: {} });
      }
    });

    it(`${runtime}: update_score without a handler stores nothing; a reused order id with other content is not a conflict then`, async () => {
      const order = { order_id: `e2e-${runtime}`, uid: "u1", score: 10, type: 1 };
      for (const body of [order, { ...order, score: 11 }]) {
        const result = await send(handler, call("update_score", JSON.stringify(body)));
        expect(JSON.parse(result.body)).toMatchObject({ ret_code: 1, ret_msg: "not implemented: the app server has no handler for update_score" });
      }
    });

    it(`${runtime}: acknowledges report_game_info once handed off`, async () => {
      const result = await send(handler, call("report_game_info", fixtureText("sud", "app-server/report-game-info").replace("ce56b6lzi1a7", runtime)));
      expect(JSON.parse(result.body)).toEqual({ ret_code: 0, ret_msg: "SUCCESS" });
    });
  }

  it("warns once at cold start of each answering interface without a handler", () => {
    const warned = logs
      .lines()
      .filter((l) => l.msg === "no handler for an answering callback")
      .map((l) => l.callback);
    expect(warned.sort()).toEqual([...ANSWERING].sort());
  });
});
