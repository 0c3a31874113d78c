import { describe, expect, it } from "vitest";
import { ackProblem } from "../helpers/acks";
import { captureLogs, FC_CONTEXT, LAMBDA_CONTEXT, loadBundle, RUNTIMES, useEnv, viaFc } from "../helpers/bundle";
import { fixtureText } from "../helpers/fixtures";
import { TOP_SECRET, topCall } from "../helpers/requests";

useEnv({
  YUANJING_APP_SECRET: TOP_SECRET,
  YUANJING_FC_GROUP: undefined,
  YUANJING_FC_NAME: undefined,
  YUANJING_CONSUME_STATE: undefined,
  REDIS_URL: undefined,
  FORWARD_URL: undefined,
});
const logs = captureLogs();
const handler = loadBundle("yuanjing-session-lifecycle");
const request = fixtureText("yuanjing", "session-lifecycle");
const SUCCESS = { result: { code: "0", message: "成功", data: { message: "成功", consume_state: 0 } } };

describe("dist/yuanjing-session-lifecycle", () => {
  it("answers an FC direct invocation (a Buffer payload) with the success ack as a Buffer", async () => {
    const result = await handler(Buffer.from(request), FC_CONTEXT);
    expect(Buffer.isBuffer(result)).toBe(true);
    expect(JSON.parse((result as Buffer).toString("utf8"))).toEqual(SUCCESS);
    const accepted = logs.lines().find((l) => l.msg === "callback accepted");
    expect(accepted?.event).toMatchObject({ callback: "alibaba.fc.cloud.rendering.sessionlifecyclenotify", data: { game_session_id: "gameSessionId" } });
  });

  it("answers a direct Lambda invocation (a parsed object) with the ack object", async () => {
    const payload = JSON.parse(request);
    payload.request_param.game_session_id = "gs-lambda-invoke";
    expect(await handler(payload, LAMBDA_CONTEXT)).toEqual(SUCCESS);
  });

  for (const [runtime, send] of RUNTIMES) {
    it(`${runtime}: verifies the TOP sign and answers JSON`, async () => {
      const body = request.replace("gameSessionId", `gs-${runtime}`);
      const result = await send(handler, topCall({ body, secret: TOP_SECRET, at: Date.now() }));
      expect(result).toMatchObject({ statusCode: 200, isBase64Encoded: false });
      expect(JSON.parse(result.body)).toEqual(SUCCESS);
    });

    it(`${runtime}: answers XML for format=xml, and refuses a bad sign with isv.invalid-signature`, async () => {
      const body = request.replace("gameSessionId", `gs-xml-${runtime}`);
      const xml = await send(handler, topCall({ body, secret: TOP_SECRET, at: Date.now(), format: "xml" }));
      expect(xml.statusCode).toBe(200);
      expect(xml.body).toContain("<alibaba_fc_cloud_rendering_sessionlifecyclenotify_response><result><code>0</code>");
      const refused = await send(handler, topCall({ body, secret: "wrong", at: Date.now() }));
      expect(refused.statusCode).toBe(401);
      expect(JSON.parse(refused.body).error_response.sub_code).toBe("isv.invalid-signature");
      expect(ackProblem("yuanjing", { status: refused.statusCode, headers: refused.headers, body: refused.body })).toBeUndefined();
    });
  }

  it("quarantines a call for another fc_group / fc_name, its TacResult naming isv.invalid-target", async () => {
    const result = await viaFc(handler, topCall({ body: request.replace('"cg"', '"other"'), secret: TOP_SECRET, at: Date.now() }));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).result).toMatchObject({ code: "0", message: expect.stringMatching(/^quarantined: isv\.invalid-target: /) });
  });
});
