import { describe, expect, it } from "vitest";
import { ConfigError } from "../../shared/core/config";
import { loadDeliverySettings } from "../../shared/delivery/settings";
import { createProcessor } from "../../shared/function";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { sudCall, sudEnvelope } from "../helpers/requests";
import { captureLog } from "../redis/helpers/capture";

const SECRET = `whsec_${Buffer.alloc(32, 5).toString("base64")}`;
const PASSWORD = "hunter2-SECRET-pw";

function problem(env: Record<string, string>): ConfigError {
  try {
    loadDeliverySettings(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("delivery settings: read once, fail closed naming the variable, never its value", () => {
  it("defaults to memory dedupe and log dead letters, with no targets", () => {
    const settings = loadDeliverySettings({});
    expect(settings).toMatchObject({ redis: undefined, stream: undefined, forward: undefined, completedTtlMs: 48 * 3600_000 });
  });

  it("reads Redis, the stream, the forward and the dedupe memory", () => {
    const settings = loadDeliverySettings({
      REDIS_URL: `redis://:${PASSWORD}@cache.internal:6380/2`,
      REDIS_STREAM: "app-events",
      FORWARD_URL: "https://backend.example/hooks",
      FORWARD_SECRET: SECRET,
      DEDUPE_TTL_HOURS: "72",
    });
    expect(settings.redis).toMatchObject({ host: "cache.internal:6380", timeoutMs: 250, keyPrefix: "callbacks:", deadLetterStream: "callbacks:dead-letters" });
    expect(settings.stream).toBe("app-events");
    expect(settings.forward?.url.href).toBe("https://backend.example/hooks");
    expect(settings.forward?.secrets).toEqual([Buffer.alloc(32, 5)]);
    expect(settings.completedTtlMs).toBe(72 * 3600_000);
    expect(loadDeliverySettings({ REDIS_URL: "redis://h", REDIS_KEY_PREFIX: "app1:", DEAD_LETTER_STREAM: "dl" }).redis).toMatchObject({
      host: "h:6379",
      keyPrefix: "app1:",
      deadLetterStream: "dl",
    });
  });

  it.each([
    [{ REDIS_URL: `http://:${PASSWORD}@cache` }, "REDIS_URL must be a redis:// or rediss:// URL with a host"],
    [{ REDIS_URL: `not a url ${PASSWORD}` }, "REDIS_URL must be a redis:// or rediss:// URL with a host"],
    [{ REDIS_STREAM: "events" }, "REDIS_STREAM needs REDIS_URL to be set"],
    [{ FORWARD_URL: `ftp://${PASSWORD}@backend` }, "FORWARD_URL must be an http:// or https:// URL"],
    [{ FORWARD_URL: "https://backend" }, "FORWARD_SECRET is not set"],
    [{ FORWARD_URL: "https://backend", FORWARD_SECRET: PASSWORD }, "FORWARD_SECRET must be whsec_ followed by the base64 of at least 24 random bytes"],
    [
      { FORWARD_URL: "https://backend", FORWARD_SECRET: `whsec_${Buffer.alloc(8).toString("base64")}` },
      "FORWARD_SECRET must be whsec_ followed by the base64 of at least 24 random bytes",
    ],
    [{ DEDUPE_TTL_HOURS: "2" }, "DEDUPE_TTL_HOURS must be a whole number from 16 to 720"],
    [{ REDIS_URL: "redis://h", REDIS_TIMEOUT_MS: "5000" }, "REDIS_TIMEOUT_MS must be a whole number from 20 to 1000"],
  ])("refuses %o", (env, message) => {
    const error = problem(env);
    expect(error.message).toBe(message);
    expect(error.message).not.toContain(PASSWORD);
  });

  it("a bad delivery setting makes every request fail closed with a 500 naming it", async () => {
    const logs = captureLog();
    const processor = createProcessor(FUNCTION_SPECS["sud-notify"], { env: { ...ENV.sud, REDIS_URL: `http://:${PASSWORD}@x` }, log: logs.log });
    for (let i = 0; i < 2; i++) {
      const answer = await processor(toInbound(sudCall({ now: Date.now(), body: sudEnvelope("sud.mg.merchant.x", {}) }), Date.now()));
      expect(answer.status).toBe(500);
      expect(JSON.parse(answer.body).ret_msg).toBe("misconfigured: function is misconfigured: REDIS_URL must be a redis:// or rediss:// URL with a host");
      expect(answer.body).not.toContain(PASSWORD);
    }
    // Logged once per cold start, not per request.
    expect(logs.lines.filter((l) => l.message === "function misconfigured")).toHaveLength(1);
    expect(logs.text()).not.toContain(PASSWORD);
  });

  it("logs where delivery goes once, with the Redis host and never its password", () => {
    const logs = captureLog();
    createProcessor(FUNCTION_SPECS["sud-notify"], {
      env: { ...ENV.sud, REDIS_URL: `redis://user:${PASSWORD}@cache.internal:6380`, FORWARD_URL: "https://backend.example/h", FORWARD_SECRET: SECRET },
      log: logs.log,
    });
    expect(logs.lines).toEqual([
      {
        level: "info",
        message: "delivery configured",
        fields: { dedupe: "redis cache.internal:6380", targets: ["handler", "forward"], deadLetters: "callbacks:dead-letters" },
      },
    ]);
    expect(logs.text()).not.toContain(PASSWORD);
    expect(logs.text()).not.toContain(SECRET);
    // The defaults (memory, log) say nothing: a function without these settings logs as before.
    const quiet = captureLog();
    createProcessor(FUNCTION_SPECS["sud-notify"], { env: ENV.sud, log: quiet.log });
    expect(quiet.lines).toEqual([]);
  });
});
