import { describe, expect, it } from "vitest";
import { editFixture, fixtureText } from "../../helpers/fixtures";
import { bodyOf, harness } from "../../helpers/harness";
import { TOP_SECRET, topCall } from "../../helpers/requests";

const API = "alibaba.fc.cloud.rendering.sessionlifecyclenotify";
const SUCCESS = { result: { code: "0", message: "成功", data: { message: "成功", consume_state: 0 } } };
const sample = () => JSON.parse(fixtureText("yuanjing", "session-lifecycle"));
const param = () => sample().request_param;

describe("元镜 session lifecycle SPI by direct FC invocation", () => {
  it("accepts the documented request and answers the documented success", async () => {
    const h = harness("yuanjing-session-lifecycle");
    const answer = await h.invoke(fixtureText("yuanjing", "session-lifecycle"));
    expect(answer.status).toBe(200);
    expect(bodyOf(answer)).toEqual(SUCCESS);
    expect(h.delivered[0]).toMatchObject({
      platform: "yuanjing",
      callback: API,
      known: true,
      id: "gameSessionId:DISPATCHED:DISPATCHED:1678798993",
      eventTime: 1678798993000,
      data: { action: "SESSION_STATE_MESSAGE", message_type: "DISPATCHED", game_session_id: "gameSessionId", time: 1678798993, resource_level: 1, device_type: "h5" },
    });
  });

  it("accepts request_param alone", async () => {
    const h = harness("yuanjing-session-lifecycle");
    expect(bodyOf(await h.invoke(JSON.stringify(param())))).toEqual(SUCCESS);
    expect(h.delivered[0]!.data).toMatchObject({ game_id: "gameId" });
  });

  it("accepts request_param as JSON text", async () => {
    const h = harness("yuanjing-session-lifecycle");
    const body = JSON.stringify({ fc_group: "fc-dg-common", fc_name: "cg", request_param: JSON.stringify(param()) });
    expect(bodyOf(await h.invoke(body))).toEqual(SUCCESS);
    expect(h.delivered[0]!.data).toMatchObject({ account_id: "accountId" });
  });

  it("coerces numeric strings and numbers given as text fields", async () => {
    const h = harness("yuanjing-session-lifecycle");
    const p = { ...param(), time: "1678798993", resource_level: "2", scheduled_time: "1678798990", account_id: 1234567 };
    expect((await h.invoke(JSON.stringify({ request_param: p }))).status).toBe(200);
    expect(h.delivered[0]!.data).toMatchObject({ time: 1678798993, resource_level: 2, scheduled_time: 1678798990, account_id: "1234567" });
  });

  it('quarantines a non-numeric time: TacResult code "0" (consumed), its message isv.invalid-parameter naming the field', async () => {
    const h = harness("yuanjing-session-lifecycle");
    for (const time of ["soon", "", "12abc", true]) {
      const answer = await h.invoke(JSON.stringify({ request_param: { ...param(), time } }));
      expect(answer.status).toBe(200);
      expect(bodyOf(answer).result).toMatchObject({ code: "0", message: expect.stringMatching(/^quarantined: isv\.invalid-parameter: .*time: /) });
    }
    expect(h.delivered).toHaveLength(0);
  });

  it("accepts message_type and session_status values it does not know", async () => {
    const h = harness("yuanjing-session-lifecycle");
    const p = { ...param(), message_type: "SESSION_STOPPED", session_status: "STOPPED" };
    expect((await h.invoke(JSON.stringify({ request_param: p }))).status).toBe(200);
    expect(h.delivered[0]!.data).toMatchObject({ message_type: "SESSION_STOPPED", session_status: "STOPPED" });
  });

  it("keeps fields it does not know", async () => {
    const h = harness("yuanjing-session-lifecycle");
    await h.invoke(JSON.stringify({ request_param: { ...param(), region: "cn-shanghai" } }));
    expect(h.delivered[0]!.data).toMatchObject({ region: "cn-shanghai" });
  });

  for (const field of ["action", "message_type", "project_id", "account_id", "game_session_id", "game_id", "time"]) {
    it(`quarantines a request without ${field}, naming the field`, async () => {
      const h = harness("yuanjing-session-lifecycle");
      const answer = await h.invoke(editFixture("yuanjing", "session-lifecycle", (b) => delete b.request_param[field]));
      expect(answer.status).toBe(200);
      expect(bodyOf(answer).result.message).toMatch(/^quarantined: isv\.invalid-parameter: /);
      expect(bodyOf(answer).result.message).toContain(`${field}: required`);
    });
  }

  it("quarantines a request without request_param, or with one that is not an object", async () => {
    const h = harness("yuanjing-session-lifecycle");
    for (const body of ['{"fc_group":"fc-dg-common"}', '{"request_param":"not json"}', '{"request_param":[1]}']) {
      const answer = await h.invoke(body);
      expect(answer.status, body).toBe(200);
      expect(bodyOf(answer).result.message).toMatch(/^quarantined: isv\.invalid-parameter: .*request_param/);
    }
  });

  it("quarantines a payload that is not JSON, naming isv.invalid-format", async () => {
    const h = harness("yuanjing-session-lifecycle");
    const answer = await h.invoke("haha");
    expect(answer.status).toBe(200);
    expect(bodyOf(answer).result.message).toMatch(/^quarantined: isv\.invalid-format: /);
  });

  it("delivers a repeated notification once and acknowledges both", async () => {
    const h = harness("yuanjing-session-lifecycle");
    for (let i = 0; i < 2; i++) expect(bodyOf(await h.invoke(fixtureText("yuanjing", "session-lifecycle")))).toEqual(SUCCESS);
    expect(h.delivered).toHaveLength(1);
  });
});

describe("fc_group / fc_name: the target this function serves", () => {
  it("an absent pair means the defaults fc-dg-common / cg", async () => {
    const h = harness("yuanjing-session-lifecycle");
    expect((await h.invoke(JSON.stringify({ request_param: param() }))).status).toBe(200);
  });

  it("quarantines a call for another pair, naming isv.invalid-target and the pair it serves", async () => {
    const h = harness("yuanjing-session-lifecycle");
    for (const pair of [{ fc_group: "other-group" }, { fc_name: "other" }]) {
      const answer = await h.invoke(JSON.stringify({ ...sample(), ...pair }));
      expect(answer.status).toBe(200);
      expect(bodyOf(answer).result.message).toMatch(/^quarantined: isv\.invalid-target: this function serves fc_group=fc-dg-common fc_name=cg/);
    }
    expect(h.delivered).toHaveLength(0);
  });

  it("serves the configured pair, and then quarantines a call for the default one", async () => {
    const h = harness("yuanjing-session-lifecycle", { env: { YUANJING_FC_GROUP: "my-group", YUANJING_FC_NAME: "my-fn" } });
    expect((await h.invoke(JSON.stringify({ ...sample(), fc_group: "my-group", fc_name: "my-fn" }))).status).toBe(200);
    const answer = await h.invoke(fixtureText("yuanjing", "session-lifecycle"));
    expect(bodyOf(answer).result.message).toMatch(/^quarantined: isv\.invalid-target: /);
  });
});

describe("consume_state", () => {
  it("is 0 by default and YUANJING_CONSUME_STATE sets it", async () => {
    const h = harness("yuanjing-session-lifecycle", { env: { YUANJING_CONSUME_STATE: "1" } });
    const answer = await h.invoke(fixtureText("yuanjing", "session-lifecycle"));
    expect(bodyOf(answer)).toEqual({ result: { code: "0", message: "成功", data: { message: "成功", consume_state: 1 } } });
  });
});

describe("元镜 over HTTP: request_param in each place TOP may put it", () => {
  it("as an object inside a JSON body", async () => {
    const h = harness("yuanjing-session-lifecycle");
    const answer = await h.send(topCall({ body: fixtureText("yuanjing", "session-lifecycle"), secret: TOP_SECRET }));
    expect(answer.status).toBe(200);
    expect(bodyOf(answer)).toEqual(SUCCESS);
  });

  it("as JSON text inside a form-encoded body (signed over the form fields)", async () => {
    const h = harness("yuanjing-session-lifecycle");
    const form = { fc_group: "fc-dg-common", fc_name: "cg", request_param: JSON.stringify({ ...param(), time: "1678798993" }) };
    const answer = await h.send(topCall({ form, secret: TOP_SECRET }));
    expect(answer.status).toBe(200);
    expect(h.delivered[0]!.data).toMatchObject({ time: 1678798993, game_session_id: "gameSessionId" });
  });

  it("as JSON text in the query of a GET", async () => {
    const h = harness("yuanjing-session-lifecycle");
    const call = topCall({ method: "GET", secret: TOP_SECRET, query: { request_param: JSON.stringify(param()) } });
    const answer = await h.send({ ...call, headers: {} });
    expect(answer.status).toBe(200);
    expect(h.delivered[0]!.data).toMatchObject({ game_id: "gameId" });
  });
});
