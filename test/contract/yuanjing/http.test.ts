import { describe, expect, it } from "vitest";
import { ackProblem } from "../../helpers/acks";
import { httpCall } from "../../helpers/events";
import { fixtureText } from "../../helpers/fixtures";
import { bodyOf, eventsInErrorLogs, harness } from "../../helpers/harness";
import { NOW_MS, TOP_SECRET, topCall } from "../../helpers/requests";

const API = "alibaba.fc.cloud.rendering.sessionlifecyclenotify";
const body = () => fixtureText("yuanjing", "session-lifecycle");
const param = () => JSON.parse(body()).request_param;
const subCode = (answer: { body: string }) => bodyOf(answer).error_response.sub_code as string;
/** The sub-code an answer names: an error's own, or the one a quarantined callback's TacResult message starts with. */
const causeOf = (answer: { body: string }) => bodyOf(answer).error_response?.sub_code ?? /^quarantined: (isv\.[a-z-]+): /.exec(bodyOf(answer).result.message)?.[1];

describe("TOP signature on 元镜 HTTP calls (YUANJING_APP_SECRET set)", () => {
  it("verifies query + raw JSON body", async () => {
    const h = harness("yuanjing-session-lifecycle");
    expect((await h.send(topCall({ body: body(), secret: TOP_SECRET }))).status).toBe(200);
  });

  it("verifies the headers named in top-sign-list, a listed-but-absent header counting as empty", async () => {
    const h = harness("yuanjing-session-lifecycle");
    const call = topCall({ body: body(), secret: TOP_SECRET, signedHeaders: { "X-Top-Trace": "trace-1", "X-Not-Sent": undefined } });
    expect((await h.send(call)).status).toBe(200);
    const changed = { ...call, headers: { ...call.headers, "X-Top-Trace": "trace-2" } };
    const refused = await h.send(changed);
    expect(refused.status).toBe(401);
    expect(subCode(refused)).toBe("isv.invalid-signature");
  });

  it("verifies form fields (and not the body bytes) for a form-encoded body", async () => {
    const h = harness("yuanjing-session-lifecycle");
    const form = { request_param: JSON.stringify(param()), fc_name: "cg" };
    const call = topCall({ form, secret: TOP_SECRET });
    expect((await h.send(call)).status).toBe(200);
    // The same fields in another order are the same form: still valid.
    const reencoded = `fc_name=cg&request_param=${encodeURIComponent(form.request_param)}`;
    expect((await h.send({ ...call, body: Buffer.from(reencoded) })).status).toBe(200);
    // A changed field is not.
    const tampered = new URLSearchParams({ ...form, fc_name: "cg2" }).toString();
    expect(subCode(await h.send({ ...call, body: Buffer.from(tampered) }))).toBe("isv.invalid-signature");
  });

  it("refuses a changed body, query parameter or secret with 401 isv.invalid-signature", async () => {
    const h = harness("yuanjing-session-lifecycle");
    const call = topCall({ body: body(), secret: TOP_SECRET });
    const changedBody = await h.send({ ...call, body: Buffer.from(body().replace("gameSessionId", "gameSessionId2")) });
    const changedQuery = await h.send({ ...call, query: { ...call.query, target_app_key: "1" } });
    const otherSecret = await h.send(topCall({ body: body(), secret: "not-the-secret" }));
    for (const answer of [changedBody, changedQuery, otherSecret]) {
      expect(answer.status).toBe(401);
      expect(subCode(answer)).toBe("isv.invalid-signature");
    }
    expect(h.delivered).toHaveLength(0);
  });

  it("gives each cause its own isv sub-code; an authentic call that can never pass is quarantined, its TacResult naming it", async () => {
    const h = harness("yuanjing-session-lifecycle");
    const causes: Record<string, ReturnType<typeof topCall>> = {
      "isv.missing-signature": topCall({ body: body() }),
      "isv.invalid-signature": topCall({ body: body(), secret: "wrong" }),
      "isv.invalid-timestamp": topCall({ body: body(), secret: TOP_SECRET, at: NOW_MS - 3_600_000 }),
      "isv.invalid-format": topCall({ body: "{", secret: TOP_SECRET }),
      "isv.invalid-parameter": topCall({ body: '{"request_param":{}}', secret: TOP_SECRET }),
      "isv.invalid-target": topCall({ body: JSON.stringify({ fc_group: "x", request_param: param() }), secret: TOP_SECRET }),
      "isv.method-not-allowed": topCall({ body: body(), secret: TOP_SECRET, method: "PUT" }),
      "isv.payload-too-large": topCall({ body: JSON.stringify({ request_param: param(), pad: "x".repeat(256 * 1024) }), secret: TOP_SECRET }),
    };
    const seen = new Map<string, number>();
    for (const [expected, call] of Object.entries(causes)) {
      const answer = await h.send(call);
      expect(causeOf(answer), expected).toBe(expected);
      expect(ackProblem("yuanjing", answer)).toBeUndefined();
      seen.set(expected, answer.status);
    }
    expect(Object.fromEntries(seen)).toEqual({
      "isv.missing-signature": 401,
      "isv.invalid-signature": 401,
      "isv.invalid-timestamp": 401,
      "isv.invalid-format": 200,
      "isv.invalid-parameter": 200,
      "isv.invalid-target": 200,
      "isv.method-not-allowed": 405,
      "isv.payload-too-large": 413,
    });
  });

  it("needs no sign when no secret is configured and unsigned HTTP calls are allowed", async () => {
    const h = harness("yuanjing-session-lifecycle", { env: { YUANJING_ALLOW_UNSIGNED_HTTP: "true" } });
    expect((await h.send(topCall({ body: body() }))).status).toBe(200);
  });
});

describe("元镜 answers in XML when the request asks format=xml", () => {
  it("answers success as the documented XML", async () => {
    const h = harness("yuanjing-session-lifecycle");
    const answer = await h.send(topCall({ body: body(), secret: TOP_SECRET, format: "xml" }));
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toMatch(/^application\/xml/);
    expect(answer.body).toBe(
      '<?xml version="1.0" encoding="utf-8"?><alibaba_fc_cloud_rendering_sessionlifecyclenotify_response><result><code>0</code><message>成功</message>' +
        "<data><message>成功</message><consume_state>0</consume_state></data></result></alibaba_fc_cloud_rendering_sessionlifecyclenotify_response>",
    );
  });

  it("answers an error as error_response XML, and a quarantined call as the TacResult XML, escaping the message", async () => {
    const h = harness("yuanjing-session-lifecycle");
    const refused = await h.send(topCall({ body: body(), secret: "<x&y>", format: "xml" }));
    expect(refused.status).toBe(401);
    expect(refused.body).toMatch(
      /^<\?xml version="1\.0" encoding="utf-8"\?><error_response><code>50<\/code><msg>Remote service error<\/msg><sub_code>isv\.invalid-signature<\/sub_code><sub_msg>/,
    );
    expect(ackProblem("yuanjing", refused)).toBeUndefined();
    const answer = await h.send(topCall({ body: JSON.stringify({ fc_name: "<x&y>", request_param: param() }), secret: TOP_SECRET, format: "xml" }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/<result><code>0<\/code><message>quarantined: isv\.invalid-target: this function serves /);
    expect(answer.body).toContain("fc_name=&lt;x&amp;y&gt;");
    expect(ackProblem("yuanjing", answer)).toBeUndefined();
  });

  it("reads format from a form field too", async () => {
    const h = harness("yuanjing-session-lifecycle", { env: { YUANJING_ALLOW_UNSIGNED_HTTP: "true" } });
    const call = httpCall({
      query: {},
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ format: "xml", request_param: JSON.stringify(param()) }).toString(),
    });
    const answer = await h.send(call);
    expect(answer.status).toBe(200);
    expect(answer.body.startsWith("<?xml")).toBe(true);
  });

  it("answers JSON otherwise", async () => {
    const h = harness("yuanjing-session-lifecycle");
    const answer = await h.send(topCall({ body: body(), secret: TOP_SECRET, format: "json" }));
    expect(answer.headers["content-type"]).toMatch(/^application\/json/);
  });
});

describe("元镜 failures", () => {
  it("fails closed when a setting is bad: 500 isv.service-misconfigured naming the variable", async () => {
    const h = harness("yuanjing-session-lifecycle", { env: { YUANJING_SIGN_MAX_AGE_S: "forever" } });
    const answer = await h.invoke(body());
    expect(answer.status).toBe(500);
    expect(bodyOf(answer).error_response).toMatchObject({ sub_code: "isv.service-misconfigured", sub_msg: expect.stringContaining("YUANJING_SIGN_MAX_AGE_S") });
  });

  it("answers 503 isv.service-unavailable when the typed handler throws, with the event logged in full", async () => {
    const h = harness("yuanjing-session-lifecycle", {
      handlers: {
        [API]: () => {
          throw new Error("session store down");
        },
      },
    });
    const answer = await h.invoke(body());
    expect(answer.status).toBe(503);
    expect(bodyOf(answer).error_response).toMatchObject({ sub_code: "isv.service-unavailable", sub_msg: expect.stringContaining("handler: failed") });
    expect(answer.body).not.toContain("session store down");
    expect(JSON.stringify(h.logs)).toContain("session store down");
    expect(eventsInErrorLogs(h.logs)[0]).toMatchObject({ callback: API, data: { game_session_id: "gameSessionId", time: 1678798993 } });
  });
});
