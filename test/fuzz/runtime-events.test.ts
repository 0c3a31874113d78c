import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ackProblem } from "../helpers/acks";
import type { FunctionName } from "../helpers/functions";
import { harness } from "../helpers/harness";
import { bodyArb, headersArb, methodArb, queryArb, RUNS } from "./arbitraries";

type Platform = "tencent" | "sud" | "yuanjing";
const FUNCTIONS: Array<[FunctionName, Platform]> = [
  ["tencent-live", "tencent"],
  ["sud-notify", "sud"],
  ["yuanjing-session-lifecycle", "yuanjing"],
];

/** Anything in a slot, or what belongs there: runtimes never send the former, but it must not crash. */
const odd = <T>(usual: fc.Arbitrary<T>) => fc.oneof({ arbitrary: usual, weight: 4 }, { arbitrary: fc.anything({ maxDepth: 2 }), weight: 1 });

const fcEventArb = fc.record({
  version: fc.constantFrom("v1", "v1", "v2", 1),
  rawPath: odd(fc.string()),
  headers: odd(headersArb),
  queryParameters: odd(queryArb),
  body: odd(bodyArb.map((b) => b.toString("base64"))),
  isBase64Encoded: odd(fc.boolean()),
  requestContext: odd(fc.record({ requestId: odd(fc.string()), http: odd(fc.record({ method: odd(methodArb), sourceIp: odd(fc.string()) })) })),
});

const lambdaEventArb = fc.record({
  version: fc.constantFrom("2.0", "2.0", "1.0"),
  rawPath: odd(fc.string()),
  headers: odd(headersArb),
  queryStringParameters: odd(queryArb),
  cookies: odd(fc.array(fc.string(), { maxLength: 3 })),
  body: odd(bodyArb.map((b) => b.toString("utf8"))),
  isBase64Encoded: odd(fc.boolean()),
  requestContext: odd(fc.record({ requestId: odd(fc.string()), http: odd(fc.record({ method: odd(methodArb), sourceIp: odd(fc.string()) })) })),
});

/** What the handler returned, as the platform answer it must be. */
function answerOf(result: unknown): { status: number; headers: Record<string, string>; body: string } {
  if (Buffer.isBuffer(result)) return { status: 0, headers: { "content-type": "application/json" }, body: result.toString("utf8") };
  const r = result as { statusCode?: unknown; headers?: unknown; body?: unknown; isBase64Encoded?: unknown };
  if (typeof r === "object" && r !== null && typeof r.statusCode === "number") {
    expect(r.isBase64Encoded).toBe(false);
    return { status: r.statusCode, headers: r.headers as Record<string, string>, body: r.body as string };
  }
  // A direct Lambda invocation answers the parsed ack.
  return { status: 0, headers: { "content-type": "application/json" }, body: JSON.stringify(result) };
}

function expectWellFormed(platform: Platform, result: unknown) {
  const answer = answerOf(result);
  if (answer.status === 0) {
    // An invocation answer carries no status: it must still be the platform's JSON ack.
    const body = JSON.parse(answer.body);
    const ok = platform === "tencent" ? body.ActionStatus === "OK" : platform === "sud" ? body.ret_code === 0 : body.result?.code === "0";
    expect(ackProblem(platform, { ...answer, status: ok ? 200 : 400 })).toBeUndefined();
  } else {
    expect(ackProblem(platform, answer)).toBeUndefined();
  }
}

describe("the runtime handler never throws, whatever a runtime hands it", () => {
  for (const [fn, platform] of FUNCTIONS) {
    it(`${fn}: random FC Buffers (bytes, or HTTP-trigger events with odd parts)`, async () => {
      const h = harness(fn);
      const bufferArb = fc.oneof(
        fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b)),
        fcEventArb.map((event) => Buffer.from(JSON.stringify(event) ?? "")),
      );
      await fc.assert(
        fc.asyncProperty(bufferArb, async (event) => expectWellFormed(platform, await h.handler(event, { requestId: "f" }))),
        RUNS,
      );
    });

    it(`${fn}: random Lambda objects (v2 HTTP events with odd parts, or any payload)`, async () => {
      const h = harness(fn);
      await fc.assert(
        fc.asyncProperty(fc.oneof(lambdaEventArb, fc.anything({ maxDepth: 2 })), async (event) => expectWellFormed(platform, await h.handler(event, { awsRequestId: "l" }))),
        RUNS,
      );
    });
  }
});
