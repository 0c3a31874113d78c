// The FC InvokeFunction API of the emulator, called through @alicloud/fc2 (FC 2.0 API, request
// signatures checked) the way `npm run invoke` and the 元镜 platform call a function, and on FC 3.0's
// 2023-03-30 path.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_CREDENTIALS } from "../../scripts/dev-credentials";
import { invokeViaFc } from "../../scripts/invoke/fc-invoke";
import { buildCallback } from "../../scripts/send/build";
import { emulator, ensureBuilt, logLine, probeProject, TEST_ENV, type TestEmulator } from "./support";

const credentials = {
  accountId: DEV_CREDENTIALS.ALIBABA_CLOUD_ACCOUNT_ID,
  accessKeyId: DEV_CREDENTIALS.ALIBABA_CLOUD_ACCESS_KEY_ID,
  accessKeySecret: DEV_CREDENTIALS.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
  region: DEV_CREDENTIALS.ALIBABA_CLOUD_REGION,
};

/** A session lifecycle request as 元镜 sends it by direct invocation (no TOP signature). */
const sessionRequest = () => buildCallback("yuanjing-session-lifecycle", { settings: { ...TEST_ENV, YUANJING_APP_SECRET: "" } }).request.body;

describe("the product's functions through @alicloud/fc2", () => {
  let em: TestEmulator;
  beforeAll(async () => {
    ensureBuilt();
    em = await emulator();
  });
  afterAll(() => em?.close());

  it("reaches the 元镜 function as 元镜 does, by its fc_group / fc_name pair, and gets the SPI's success", async () => {
    const result = await invokeViaFc({ ...credentials, endpoint: em.url, service: "fc-dg-common", functionName: "cg", payload: sessionRequest() });
    expect(result.errorType).toBeUndefined();
    expect(JSON.parse(result.body)).toEqual({ result: { code: "0", message: "成功", data: { message: "成功", consume_state: 0 } } });
    expect(result.verdict.accepted).toBe(true);
    expect(await logLine(em, /FC↯ +yuanjing-session-lifecycle .*✔ accepted/)).toBeTruthy();
  });

  it("reaches it by its FC function name too, with request_param alone", async () => {
    const param = JSON.stringify(JSON.parse(sessionRequest()).request_param);
    const result = await invokeViaFc({ ...credentials, endpoint: em.url, service: "any", functionName: "fc-dg-common-cg", payload: param, qualifier: "LATEST" });
    expect(result.verdict.accepted).toBe(true);
  });

  it("gets the quarantined TacResult for an invalid request, reported as refused", async () => {
    const result = await invokeViaFc({ ...credentials, endpoint: em.url, service: "fc-dg-common", functionName: "cg", payload: '{"request_param":{"action":"x"}}' });
    expect(result.verdict.kind).toBe("refused");
    expect(JSON.parse(result.body).result).toMatchObject({ code: "0", message: expect.stringMatching(/^quarantined: isv\.invalid-parameter: /) });
  });

  it("gets Tencent's refusal when a Tencent function is invoked directly (its callbacks come over HTTP)", async () => {
    const result = await invokeViaFc({ ...credentials, endpoint: em.url, service: "default", functionName: "tencent-live", payload: "{}" });
    expect(result.verdict.kind).toBe("refused");
    expect(JSON.parse(result.body)).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 405 });
  });

  it("refuses a request signed with the wrong secret, and an unknown function, as FC does", async () => {
    await expect(invokeViaFc({ ...credentials, accessKeySecret: "wrong", endpoint: em.url, service: "fc-dg-common", functionName: "cg", payload: "{}" })).rejects.toMatchObject({
      name: "FCSignatureNotMatchError",
    });
    await expect(invokeViaFc({ ...credentials, endpoint: em.url, service: "s", functionName: "nope", payload: "{}" })).rejects.toMatchObject({
      name: "FCFunctionNotFoundError",
    });
  });

  it("accepts an asynchronous invocation at once and runs it", async () => {
    const result = await invokeViaFc({ ...credentials, endpoint: em.url, service: "fc-dg-common", functionName: "cg", payload: sessionRequest(), async: true });
    expect(result.requestId).toBeTruthy();
    expect(await logLine(em, /FC↯ .*invocations .*✔ accepted/)).toBeTruthy();
  });

  it("refuses an unsigned request to the API", async () => {
    const res = await fetch(`${em.url}/2016-08-15/services/fc-dg-common/functions/cg/invocations`, { method: "POST", body: sessionRequest() });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ ErrorCode: "MissingAuthorization" });
  });
});

describe("FC 3.0's 2023-03-30 InvokeFunction path", () => {
  let em: TestEmulator;
  beforeAll(async () => {
    ensureBuilt();
    // With an app secret: an API call is authenticated by FC, so it needs no TOP sign even though it arrives HTTP-shaped.
    em = await emulator({ env: TEST_ENV });
  });
  afterAll(() => em?.close());

  it("hands the 元镜 function (it has an HTTP trigger) a v1 event, which it treats as a direct invocation and answers with the bare ack", async () => {
    const res = await fetch(`${em.url}/2023-03-30/functions/fc-dg-common-cg/invocations`, {
      method: "POST",
      headers: { authorization: "ACS3-HMAC-SHA256 Credential=test", "content-type": "application/json", "x-acs-action": "InvokeFunction" },
      body: sessionRequest(),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ result: { code: "0" } });
    expect(await logLine(em, /FC↯ +yuanjing-session-lifecycle .*2023-03-30.*✔ accepted/)).toBeTruthy();
  });
});

describe("what an invoked function is handed", () => {
  let project: ReturnType<typeof probeProject>;
  let em: TestEmulator;
  beforeAll(async () => {
    project = probeProject();
    em = await emulator({ root: project.root, env: TEST_ENV });
  });
  afterAll(async () => {
    await em?.close();
    project?.remove();
  });

  it("the payload itself, as a Buffer, with FC's context (2016-08-15 API)", async () => {
    const result = await invokeViaFc({ ...credentials, endpoint: em.url, service: "svc", functionName: "probe-c", payload: '{"hello":"world"}', qualifier: "prod" });
    const report = JSON.parse(result.body);
    expect(report).toMatchObject({
      isBuffer: true,
      event: { hello: "world" },
      context: { accountId: credentials.accountId, function: { name: "probe-c" }, service: { qualifier: "prod" } },
    });
  });

  it("a thrown error as X-Fc-Error-Type on a successful call", async () => {
    const res = await fetch(`${em.url}/2023-03-30/functions/probe-c/invocations`, {
      method: "POST",
      headers: { authorization: "ACS3-HMAC-SHA256 Credential=test" },
      body: JSON.stringify({ version: "v1", queryParameters: { throw: "1" }, requestContext: { http: { method: "POST" } } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-fc-error-type")).toBe("UnhandledInvocationError");
    expect(await res.json()).toMatchObject({ errorType: "TypeError" });
  });

  it("on the 2023-03-30 path, an HTTP-shaped v1 event when the function has an HTTP trigger (as FC 3.0 does)", async () => {
    const res = await fetch(`${em.url}/2023-03-30/functions/probe-a-fn/invocations?raw=1`, {
      method: "POST",
      headers: { authorization: "ACS3-HMAC-SHA256 Credential=test", "X-Acs-Action": "InvokeFunction" },
      body: "haha",
    });
    const report = (await res.json()) as { isBuffer: boolean; event: unknown };
    expect(report.isBuffer).toBe(true);
    expect(report.event).toMatchObject({ version: "v1", rawPath: "/2023-03-30/functions/probe-a-fn/invocations", body: "haha", headers: { "X-Acs-Action": "InvokeFunction" } });
  });
});
