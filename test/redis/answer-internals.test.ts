import { afterAll, describe, expect, it } from "vitest";
import type { Env } from "../../shared/core/config";
import type { InboundRequest } from "../../shared/core/inbound";
import { MemoryNonceStore } from "../../shared/delivery/nonce/memory";
import { MemoryDedupeStore } from "../../shared/delivery/dedupe/memory";
import { createProcessor } from "../../shared/function";
import { invocation, toInbound } from "../helpers/events";
import { FUNCTION_SPECS, type FunctionName } from "../helpers/functions";
import { bodyOf, ENV } from "../helpers/harness";
import { sudCall, sudEnvelope, TENCENT_TOKEN, tencentCall } from "../helpers/requests";
import { captureLog } from "./helpers/capture";
import { blackhole, closedPort, RedisProxy } from "./helpers/proxy";
import { requireRedis } from "./helpers/redis";

const redis = await requireRedis();

const SESSION = JSON.stringify({
  fc_group: "fc-dg-common",
  fc_name: "cg",
  request_param: { action: "SESSION_STATE_MESSAGE", message_type: "DISPATCHED", project_id: "p1", account_id: "a1", game_session_id: "gs1", game_id: "g1", time: 1678798993 },
});

/** One valid callback per platform, and where its answer carries the reason. */
const CASES: Array<{ fn: FunctionName; env: Env; request: (id: string) => InboundRequest; reason: (body: any) => string }> = [
  {
    fn: "sud-notify",
    env: ENV.sud,
    request: (id) => toInbound(sudCall({ body: sudEnvelope("sud.mg.merchant.x", {}, id), now: Date.now() }), Date.now()),
    reason: (b) => b.ret_msg,
  },
  {
    fn: "tencent-live",
    env: ENV.tencent,
    request: (id) => toInbound(tencentCall({ command: "Live.CallbackAfterCreateRoom", body: { RoomId: id, EventTime: 1 }, token: TENCENT_TOKEN, now: Date.now() }), Date.now()),
    reason: (b) => b.ErrorInfo,
  },
  { fn: "yuanjing-session-lifecycle", env: ENV.yuanjing, request: () => invocation(SESSION, Date.now()), reason: (b) => `delivery_failed: ${b.error_response.sub_msg}` },
];

/** What a Redis client says about a Redis it cannot use; none of it belongs in a platform's answer. */
const INTERNAL_WORDS = ["127.0.0.1", "ECONNREFUSED", "connect", "Connection", "Redis unavailable", "timed out", "ioredis", "Stream isn't writeable"];

function expectNoInternals(body: string, port: number): void {
  for (const word of [...INTERNAL_WORDS, String(port)]) expect(body, body).not.toContain(word);
}

describe.skipIf(!redis.available)("a Redis the function cannot use shows in the answer as a stable message, its details only in the log", () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  for (const { fn, env, request, reason } of CASES) {
    it(`${fn}: Redis refusing connections (a closed port), then hanging`, async () => {
      const port = await closedPort();
      const logs = captureLog();
      const refused = createProcessor(FUNCTION_SPECS[fn], { env: { ...env, REDIS_URL: `redis://:pw-SECRET@127.0.0.1:${port}` }, log: logs.log });
      cleanups.push(() => refused.close());
      const answer = await refused(request("closed-1"));
      expect(answer.status).toBe(503);
      expect(reason(bodyOf(answer))).toBe("delivery_failed: shared dedupe store unavailable; retry later");
      expectNoInternals(answer.body, port);
      expect(logs.text()).toContain("ECONNREFUSED");
      expect(logs.text()).not.toContain("pw-SECRET");

      const hang = await blackhole();
      cleanups.push(() => hang.close());
      const hanging = createProcessor(FUNCTION_SPECS[fn], { env: { ...env, REDIS_URL: hang.url }, log: captureLog().log });
      cleanups.push(() => hanging.close());
      const late = await hanging(request("hang-1"));
      expect(late.status).toBe(503);
      expect(reason(bodyOf(late))).toBe("delivery_failed: shared dedupe store unavailable; retry later");
      expectNoInternals(late.body, Number(new URL(hang.url).port));
    });
  }

  it("REDIS_STREAM on a Redis that went away: the answer names the target, not what the client said", async () => {
    const proxy = await RedisProxy.start();
    const logs = captureLog();
    const processor = createProcessor(FUNCTION_SPECS["sud-notify"], {
      env: { ...ENV.sud, REDIS_URL: proxy.url, REDIS_STREAM: "answer-internals:events" },
      log: logs.log,
      // Only the stream needs Redis here: dedupe and SUD's nonce memory stay in memory.
      dedupe: new MemoryDedupeStore(),
      nonces: new MemoryNonceStore(),
    });
    cleanups.push(() => processor.close());
    await proxy.cut();
    const answer = await processor(CASES[0]!.request("stream-1"));
    expect(answer.status).toBe(503);
    expect(bodyOf(answer).ret_msg).toMatch(/^delivery_failed: delivery failed: stream: /);
    expectNoInternals(answer.body, proxy.port);
    const detail = logs.lines.find((l) => l.message === "callback not delivered")!.fields!.detail as string;
    expect(detail).toMatch(/stream: .*(ECONNREFUSED|Connection|connect)/);
  });
});
