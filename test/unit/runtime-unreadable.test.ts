import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { InboundRequest } from "../../shared/core/inbound";
import { runtimeHandler } from "../../shared/runtime/handler";
import { ackProblem } from "../helpers/acks";
import { fcHttpEvent, httpCall, lambdaHttpEvent } from "../helpers/events";
import type { FunctionName } from "../helpers/functions";
import { harness } from "../helpers/harness";
import { sudCall, sudEnvelope, TENCENT_TOKEN, tencentCall, TOP_SECRET, topCall } from "../helpers/requests";
import { RUNS } from "../fuzz/arbitraries";

type HttpResult = { statusCode: number; headers: Record<string, string>; body: string };

const CALLS: Array<[FunctionName, "sud" | "tencent" | "yuanjing", () => ReturnType<typeof sudCall>]> = [
  ["sud-notify", "sud", () => sudCall({ body: sudEnvelope("sud.mg.merchant.x", {}) })],
  ["tencent-live", "tencent", () => tencentCall({ command: "Live.CallbackAfterCreateRoom", body: { RoomId: "r" }, token: TENCENT_TOKEN })],
  ["yuanjing-session-lifecycle", "yuanjing", () => topCall({ body: "{}", secret: TOP_SECRET })],
];

/** The handler of a function, fed FC's Buffer. */
const fcBytes = (value: unknown) => Buffer.from(JSON.stringify(value));

function expectRefused(platform: "sud" | "tencent" | "yuanjing", result: unknown, message: string): void {
  const answer = result as HttpResult;
  expect(answer.statusCode, JSON.stringify(result)).toBe(400);
  const shaped = { status: answer.statusCode, headers: answer.headers, body: answer.body };
  expect(ackProblem(platform, shaped)).toBeUndefined();
  expect(answer.body).toContain(message);
}

describe("an event the runtime adapter cannot read is refused with what is wrong, in the platform's own answer", () => {
  for (const [fn, platform, call] of CALLS) {
    it(`${fn}: an HTTP-trigger event of another version, or without requestContext.http.method`, async () => {
      const h = harness(fn);
      const event = fcHttpEvent(call());
      expectRefused(platform, await h.handler(fcBytes({ ...event, version: "v2" })), "unrecognised FC event (version v2)");
      expectRefused(platform, await h.handler(fcBytes({ ...event, version: 3 })), "unrecognised FC event (version 3)");
      const { requestContext: _dropped, ...noContext } = event;
      expectRefused(platform, await h.handler(fcBytes(noContext)), "unrecognised FC event (v1 without requestContext.http.method)");
      expectRefused(platform, await h.handler(fcBytes({ ...event, body: 42 })), "unrecognised FC event (v1 body is not a string)");
      expect(h.delivered).toEqual([]);
    });

    it(`${fn}: a body that is not valid base64 (FC and Lambda), not taken for a bad signature`, async () => {
      const h = harness(fn);
      const event = fcHttpEvent(call());
      for (const body of [`${event.body}!`, `*${event.body}`, event.body.replace(/=*$/, "===="), `${event.body}A`, `${event.body.replace(/[+/]/g, "-")}-_`]) {
        expectRefused(platform, await h.handler(fcBytes({ ...event, body })), "body is not valid base64");
        const lambda = lambdaHttpEvent(call(), { base64: true });
        expectRefused(platform, await h.handler({ ...lambda, body }), "body is not valid base64");
      }
    });
  }
});

describe("odd values in a runtime event's headers and query", () => {
  it("an object without toString, alone or in an array, is read as empty text instead of crashing the handler", async () => {
    const h = harness("sud-notify");
    const odd = Object.create(null) as object;
    const lambda = { ...lambdaHttpEvent(sudCall({ body: "{}" })), headers: { "x-odd": [odd] as never }, queryStringParameters: { q: odd as never } };
    const result = (await h.handler(lambda)) as HttpResult;
    expect(ackProblem("sud", { status: result.statusCode, headers: result.headers, body: result.body })).toBeUndefined();
    const fcEvent = { ...fcHttpEvent(sudCall({ body: "{}" })), headers: { "x-odd": [odd] }, queryParameters: { q: [odd, "b"] } };
    const fcResult = (await h.handler(fcBytes(fcEvent))) as HttpResult;
    expect(fcResult.statusCode).toBe(403);
  });
});

/** Keys only FC's HTTP-trigger event has; a direct invocation's payload (元镜's SPI JSON) has none of them. */
const TRIGGER_KEYS = ["rawPath", "requestContext", "isBase64Encoded", "queryParameters"] as const;
const PAYLOAD_KEYS = ["fc_group", "fc_name", "request_param", "headers", "body", "action", "data"] as const;

describe("property: which FC payloads are HTTP-trigger events", () => {
  it("an object is read as an HTTP-trigger event exactly when it has `version` and a key only trigger events have", async () => {
    const seen: InboundRequest[] = [];
    const handler = runtimeHandler(async (req) => {
      seen.push(req);
      return { status: 200, headers: { "content-type": "application/json" }, body: "{}" };
    });
    const valueArb = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
    );
    const eventArb = fc.record(
      {
        version: fc.oneof(fc.constantFrom("v1", "v2", "2.0", 1), fc.string({ maxLength: 4 })),
        ...Object.fromEntries(TRIGGER_KEYS.map((k) => [k, valueArb])),
        ...Object.fromEntries(PAYLOAD_KEYS.map((k) => [k, valueArb])),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(eventArb, async (event) => {
        seen.length = 0;
        const result = await handler(fcBytes(event));
        const triggerShaped = "version" in event && TRIGGER_KEYS.some((k) => k in event);
        expect(seen).toHaveLength(1);
        expect(seen[0]!.transport).toBe(triggerShaped ? "http" : "invoke");
        // An HTTP-trigger event is answered as one; a direct invocation with the ack itself.
        expect(Buffer.isBuffer(result)).toBe(!triggerShaped);
      }),
      RUNS,
    );
  });

  it("a body is accepted as base64 exactly when it is standard base64 (line breaks allowed), and then decodes to the bytes sent", async () => {
    const seen: InboundRequest[] = [];
    const handler = runtimeHandler(async (req) => {
      seen.push(req);
      return { status: 200, headers: { "content-type": "application/json" }, body: "{}" };
    });
    const stray = fc.constantFrom("!", "-", "_", "*", ".", "%", "\u00e9", "\u0000", "=");
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), fc.option(fc.tuple(fc.nat(), stray)), async (bytes, corruption) => {
        const valid = Buffer.from(bytes).toString("base64");
        const text = corruption ? `${valid.slice(0, corruption[0] % (valid.length + 1))}${corruption[1]}${valid.slice(corruption[0] % (valid.length + 1))}` : valid;
        for (const event of [
          { ...fcHttpEvent(httpCall({})), body: text },
          { ...lambdaHttpEvent(httpCall({}), { base64: true }), body: text },
        ]) {
          seen.length = 0;
          await handler("version" in event && event.version === "v1" ? fcBytes(event) : event);
          if (corruption) {
            expect(seen[0]!.unreadable, text).toBe("body is not valid base64");
          } else {
            expect(seen[0]!.unreadable).toBeUndefined();
            expect(seen[0]!.body.equals(Buffer.from(bytes))).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });
});
