// The scheduled redrive (the dead-letter-redrive function's code) on the real Redis, for an answered
// callback whose forward failed after the answer: the letter is delivered with the answer given, the
// answering handler not asked again, and update_score's stored answer to SUD unchanged.
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../shared/core/log";
import { createProcessor } from "../../shared/function";
import { createRedrive } from "../../shared/redrive/function";
import type { FunctionSpecs } from "../../shared/redrive/replay";
import { redriveKeys } from "../../shared/redrive/stream";
import { FUNCTION_SPECS } from "../../functions/dead-letter-redrive/functions";
import { toInbound } from "../helpers/events";
import { ENV } from "../helpers/harness";
import { sudCall } from "../helpers/requests";
import { FORWARD_SECRET } from "./helpers/backend";
import { REDIS_URL, requireRedis } from "./helpers/redis";
import { redisSuite } from "./helpers/suite";

const redis = await requireRedis();

describe.skipIf(!redis.available)("the redrive replays an answered update_score from the stream", () => {
  const suite = redisSuite("redrive-answered");

  it("delivers the letter with the answer SUD got; the handler is called once in all; SUD's retry still gets the stored answer", async () => {
    const { prefix, client, backend } = suite;
    const env = { ...ENV.sud, REDIS_URL, REDIS_KEY_PREFIX: prefix, FORWARD_URL: backend.url, FORWARD_SECRET, REDRIVE_BACKOFF_BASE_S: "0", REDRIVE_BACKOFF_MAX_S: "0" };
    let calls = 0;
    const update_score = () => (calls++, { data: { score: 90 } });
    const spec = { ...FUNCTION_SPECS["sud-app-server"]!, handlers: { update_score } } as never;
    const specs: FunctionSpecs = { ...FUNCTION_SPECS, "sud-app-server": spec };

    backend.behave(() => ({ status: 503 }));
    const fn = createProcessor(spec, { env: { ...env, FC_FUNCTION_NAME: "sud-app-server" }, log: silentLogger });
    const at = Date.now();
    const request = () => toInbound(sudCall({ now: at, path: "/sud/update_score", body: JSON.stringify({ order_id: "o-redrive-1", uid: "u1", score: 10, type: 1 }) }), at);
    const first = await fn(request());
    expect(JSON.parse(first.body)).toMatchObject({ ret_code: 0, data: { score: 90 } });
    expect(await client.xlen(redriveKeys(`${prefix}dead-letters`).stream)).toBe(1);

    backend.behave(() => ({ status: 204 }));
    const redrive = createRedrive(specs, { env, log: silentLogger });
    const report = await redrive.run(Date.now() + 30_000);
    await redrive.close();
    expect(report).toMatchObject({ taken: 1, delivered: 1, failed: 0 });
    expect(calls).toBe(1);
    const delivered = backend.received.filter((r) => r.status === 204);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.body).toMatchObject({ callback: "update_score", answer: { data: { data: { score: 90 } }, source: "handler" } });

    // SUD retries the order: the same answer, byte for byte, from the record; nothing delivered again.
    expect(await fn(request())).toEqual(first);
    expect(calls).toBe(1);
    await fn.close();
  });
});
