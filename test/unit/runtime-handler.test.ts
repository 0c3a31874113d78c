import { describe, expect, it } from "vitest";
import type { InboundRequest } from "../../shared/core/inbound";
import type { Answer } from "../../shared/core/platform";
import { runtimeHandler } from "../../shared/runtime/handler";
import { fc3VendorBytes } from "../deploy/fc3/vendor";
import { fcHttpBuffer, httpCall, lambdaHttpEvent } from "../helpers/events";

const VENDOR_EVENT = fc3VendorBytes("http-trigger-event.json");
const ANSWER: Answer = { status: 202, headers: { "content-type": "application/json; charset=utf-8" }, body: '{"ok":true}' };

/** The vendor event as if it had come through an HTTP trigger's own domain rather than FC's API. */
function onTriggerDomain(event: Buffer): Buffer {
  const parsed = JSON.parse(event.toString("utf8"));
  parsed.requestContext.domainName = "fc3-event-test-abcdef.cn-huhehaote.fcapp.run";
  return Buffer.from(JSON.stringify(parsed));
}

/** A handler whose processor records what the adapter made of each event. */
function recordingHandler() {
  const seen: InboundRequest[] = [];
  const handler = runtimeHandler(async (req) => {
    seen.push(req);
    return ANSWER;
  });
  return { handler, seen };
}

describe("the one exported handler tells the runtimes apart", () => {
  it("FC HTTP trigger (a Buffer of the v1 JSON) → transport http, answered as {statusCode, headers, body, isBase64Encoded}", async () => {
    const { handler, seen } = recordingHandler();
    const result = await handler(onTriggerDomain(VENDOR_EVENT), { requestId: "r" });
    expect(seen[0]).toMatchObject({ transport: "http", method: "POST" });
    expect(result).toEqual({ statusCode: 202, headers: ANSWER.headers, body: ANSWER.body, isBase64Encoded: false });
  });

  it("FC 3.0 InvokeFunction on an HTTP-triggered function (the real v1 event on FC's API domain) → transport invoke of its body", async () => {
    const { handler, seen } = recordingHandler();
    const result = await handler(VENDOR_EVENT, { requestId: "r" });
    expect(seen[0]).toMatchObject({ transport: "invoke", method: "INVOKE" });
    expect(seen[0]!.body.toString("utf8")).toBe("haha");
    expect((result as Buffer).toString("utf8")).toBe(ANSWER.body);
  });

  it("a trigger request that poses as an InvokeFunction call (header and path, but the trigger's domain) stays HTTP", async () => {
    const { handler, seen } = recordingHandler();
    await handler(onTriggerDomain(VENDOR_EVENT));
    expect(seen[0]).toMatchObject({ transport: "http" });
    expect(seen[0]!.headers["x-acs-action"]).toBe("InvokeFunction");
  });

  it("FC direct invocation (a Buffer of the caller's payload) → transport invoke, answered with the ack bytes as a Buffer", async () => {
    const { handler, seen } = recordingHandler();
    const payload = Buffer.from('{"fc_group":"fc-dg-common","request_param":{}}');
    const result = await handler(payload, {});
    expect(seen[0]).toMatchObject({ transport: "invoke", method: "INVOKE" });
    expect(seen[0]!.body.equals(payload)).toBe(true);
    expect(Buffer.isBuffer(result)).toBe(true);
    expect((result as Buffer).toString("utf8")).toBe(ANSWER.body);
  });

  it("accepts a Uint8Array from FC the same way as a Buffer", async () => {
    const { handler, seen } = recordingHandler();
    const bytes = fcHttpBuffer(httpCall({ body: "x" }));
    await handler(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
    expect(seen[0]).toMatchObject({ transport: "http" });
  });

  it("Lambda HTTP API v2 / Function URL object → transport http, answered as {statusCode, headers, body, isBase64Encoded}", async () => {
    const { handler, seen } = recordingHandler();
    const before = Date.now();
    const result = await handler(lambdaHttpEvent(httpCall({ method: "POST", body: "{}" })), { getRemainingTimeInMillis: () => 1000 });
    expect(seen[0]).toMatchObject({ transport: "http", method: "POST" });
    // 1000 ms from the moment the runtime called in, which lies between these two readings of the clock.
    expect(seen[0]!.deadlineAt).toBeGreaterThanOrEqual(before + 1000);
    expect(seen[0]!.deadlineAt).toBeLessThanOrEqual(Date.now() + 1000);
    expect(result).toEqual({ statusCode: 202, headers: ANSWER.headers, body: ANSWER.body, isBase64Encoded: false });
  });

  it("a direct Lambda invocation (any other object) → transport invoke, answered with the parsed ack", async () => {
    const { handler, seen } = recordingHandler();
    const result = await handler({ request_param: { game_session_id: "g" } }, {});
    expect(seen[0]).toMatchObject({ transport: "invoke" });
    expect(result).toEqual({ ok: true });
  });

  it("stamps receivedAt with the time the runtime called in", async () => {
    const { handler, seen } = recordingHandler();
    const before = Date.now();
    await handler(VENDOR_EVENT);
    expect(seen[0]!.receivedAt).toBeGreaterThanOrEqual(before);
    expect(seen[0]!.receivedAt).toBeLessThanOrEqual(Date.now());
  });
});

describe("the handler never throws on events no runtime should send", () => {
  const odd: Array<[string, unknown]> = [
    ["an FC v1 event whose body is a number", Buffer.from('{"version":"v1","requestContext":{"http":{"method":"POST"}},"body":123}')],
    ["an FC v1 event whose body is an object", Buffer.from('{"version":"v1","requestContext":{"http":{"method":"POST"}},"body":{"a":1}}')],
    ["an FC v1 event whose headers are a string", Buffer.from('{"version":"v1","requestContext":{"http":{"method":"POST"}},"headers":"x","body":""}')],
    ["an FC v1 event whose query values are arrays", Buffer.from('{"version":"v1","requestContext":{"http":{"method":"POST"}},"queryParameters":{"a":["1","2"]}}')],
    ["a Lambda v2 event without a method", { version: "2.0", requestContext: { http: {} }, body: "" }],
    ["a Lambda v2 event whose body is an object", { version: "2.0", requestContext: { http: { method: "POST" } }, body: { a: 1 } }],
    ["a Lambda v2 event whose cookies are a string", { version: "2.0", requestContext: { http: { method: "POST" } }, cookies: "a=1", body: "" }],
    ["null", null],
    ["undefined", undefined],
  ];
  for (const [name, event] of odd) {
    it(name, async () => {
      const { handler, seen } = recordingHandler();
      await expect(handler(event, undefined)).resolves.toBeDefined();
      expect(seen).toHaveLength(1);
      for (const value of Object.values(seen[0]!.query)) expect(typeof value).toBe("string");
      for (const value of Object.values(seen[0]!.headers)) expect(typeof value).toBe("string");
      expect(Buffer.isBuffer(seen[0]!.body)).toBe(true);
    });
  }
});
