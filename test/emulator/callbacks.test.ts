// Every callback of the sender's catalogue, signed for real, through the emulator over loopback HTTP
// into the real bundles: via the FC HTTP triggers of s.yaml and the HTTP API routes of serverless.yml.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCallback } from "../../scripts/send/build";
import { CATALOGUE } from "../../scripts/send/catalogue";
import { deliverCallback } from "../../scripts/send/deliver";
import { destinationOf, emulatorTarget } from "../../scripts/send/target";
import { emulator, ensureBuilt, logLine, ROOT, TEST_ENV, type TestEmulator } from "./support";

let em: TestEmulator;
beforeAll(async () => {
  ensureBuilt();
  em = await emulator();
});
afterAll(() => em?.close());

const send = (name: string, options: { via?: "fc-http" | "aws"; to?: string; badSignature?: boolean; set?: string[] } = {}) => {
  const { template, request } = buildCallback(name, { settings: TEST_ENV, badSignature: options.badSignature, set: options.set });
  return deliverCallback(request, destinationOf(template, { to: options.to, via: options.via ?? "fc-http", base: em.url, root: ROOT, settings: TEST_ENV }));
};

/** An app-server interface the built bundle answers without a handler: "not implemented", as a business answer. */
const NOT_IMPLEMENTED = /^not implemented: the app server has no handler for /;

describe.each(["fc-http", "aws"] as const)("every catalogue callback via %s", (via) => {
  it.each(CATALOGUE.map((c) => c.name))("%s is accepted (an app-server interface: answered)", async (name) => {
    const delivery = await send(name, { via });
    expect(delivery.status, delivery.body).toBe(200);
    if (delivery.verdict.accepted || !CATALOGUE.find((c) => c.name === name)!.segment) expect(delivery.verdict).toMatchObject({ accepted: true, kind: "accepted" });
    else expect(delivery.verdict).toMatchObject({ kind: "refused", detail: expect.stringMatching(NOT_IMPLEMENTED), answer: expect.stringContaining("data {}") });
  });

  it.each(CATALOGUE.map((c) => c.name))("%s with a bad signature is refused with a platform ack", async (name) => {
    const delivery = await send(name, { via, badSignature: true });
    expect(delivery.status).toBe(401);
    expect(delivery.verdict.kind).toBe("refused");
    expect(delivery.verdict.detail).toMatch(/signature|sign/i);
  });
});

describe("the emulator's log and answers", () => {
  it("writes one readable line per callback with its verdict", async () => {
    await send("tencent-live-battle-end", { set: ["query.ClientIP=198.51.100.77"] });
    const line = await logLine(em, /tencent-live-battle-end .*POST \/fc\/tencent-live-battle-end/);
    expect(line).toMatch(/200 +✔ accepted +Live\.CallbackAfterEndBattle/);
    await send("sud-player-status", { badSignature: true });
    expect(await logLine(em, /sud-player-status .* 401 /)).toMatch(/✘ refused: signature_invalid/);
  });

  it("never logs a secret other than the printed development defaults", () => {
    const secretsSeen = em.lines.filter((l) => /dev-sud-app-secret|dev-top-app-secret|dev-tencent-callback-token/.test(l));
    expect(secretsSeen).toEqual([]);
  });

  it("answers a command the function does not serve as quarantined, which the sender reports as refused", async () => {
    const delivery = await send("tencent-live-battle-start", { to: "tencent-live-battle-end" });
    expect(delivery.status).toBe(200);
    expect(JSON.parse(delivery.body)).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 400, ErrorInfo: expect.stringMatching(/^quarantined: /) });
    expect(delivery.verdict.kind).toBe("refused");
  });

  it("acknowledges a retried callback again (a duplicate) without a second delivery", async () => {
    const { template, request } = buildCallback("sud-player-status", { settings: TEST_ENV });
    const url = emulatorTarget(em.url, template.fn, "fc-http", ROOT, TEST_ENV);
    const first = await deliverCallback(request, url);
    const again = await deliverCallback(request, url);
    expect([first.verdict.accepted, again.verdict.accepted]).toEqual([true, true]);
  });

  it("keeps every digit of an edited 64-bit account and signs the edited body", async () => {
    const delivery = await send("tencent-live-battle-end", { set: ["ToRoomList.0.Owner_Account=144115245353757792", "ToRoomList[0].Score=7"] });
    expect(delivery.verdict.accepted).toBe(true);
  });

  it("a 元镜 parameter set in two places is sent unsigned, and the function refuses it naming the clash", async () => {
    const { request } = buildCallback("yuanjing-session-lifecycle", { settings: TEST_ENV, set: ["header.top-sign-list=timestamp", "header.timestamp=2020-01-01 00:00:00"] });
    expect(request.unsignedBecause).toContain("timestamp arrives in both the query and a header named in top-sign-list");
    const delivery = await send("yuanjing-session-lifecycle", { set: ["header.top-sign-list=timestamp", "header.timestamp=2020-01-01 00:00:00"] });
    expect(delivery.status).toBe(400);
    expect(JSON.parse(delivery.body).error_response.sub_msg).toContain("timestamp arrives in both");
  });

  it("lists its routes at GET /", async () => {
    const routes = (await (await fetch(`${em.url}/`)).json()) as { routes: { via: string; url: string }[] };
    const urls = routes.routes.map((r) => r.url.slice(em.url.length));
    expect(urls).toEqual(expect.arrayContaining(["/fc/tencent-live", "/tencent-live", "/2016-08-15/services/fc-dg-common/functions/cg/invocations"]));
  });

  it("answers unknown paths, functions and methods the way FC and API Gateway do", async () => {
    const noFunction = await fetch(`${em.url}/fc/no-such-function`, { method: "POST", body: "{}" });
    expect(noFunction.status).toBe(404);
    expect(await noFunction.json()).toMatchObject({ ErrorCode: "FunctionNotFound" });
    const wrongMethod = await fetch(`${em.url}/fc/tencent-live`);
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toMatchObject({ ErrorCode: "MethodNotAllowed" });
    const noRoute = await fetch(`${em.url}/nowhere`, { method: "POST" });
    expect(noRoute.status).toBe(404);
    expect(await noRoute.json()).toMatchObject({ message: "Not Found" });
  });
});
