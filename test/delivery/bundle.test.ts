import { cpSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fcHttpBuffer } from "../helpers/events";
import { interceptOutput } from "../helpers/log-capture";
import { SUD_APP_ID, SUD_SECRET, sudCall, sudEnvelope } from "../helpers/requests";
import { budgetOf, coldStartCode } from "../helpers/budget";
import { ensureBuilt } from "../redis/helpers/bundles";
import { tempDir } from "../helpers/temp";

const require = createRequire(import.meta.url);
const FUNCTIONS = readdirSync("functions").sort();

/** sud-notify's folder as a deploy that lost one chunk would leave it. */
function deployedWithout(chunk: string): string {
  const dir = tempDir(`no-${chunk}-`);
  cpSync("dist/sud-notify", dir, { recursive: true, filter: (from) => from !== join("dist/sud-notify", chunk) });
  return dir;
}

describe("bundles: the Redis client and the HTTP forward stay out of index.js and main.js, in chunks beside them", () => {
  beforeAll(() => ensureBuilt());

  it.each(FUNCTIONS)("%s: index.js + main.js within its budget, no ioredis inside, requires redis.js only on demand", (fn) => {
    const index = coldStartCode(fn).toString("utf8");
    expect(index.length).toBeLessThanOrEqual(budgetOf(fn));
    // Markers of ioredis and its dependencies: none may be in index.js.
    for (const marker of ["ioredis", "denque", "cluster-key-slot", "enableOfflineQueue", "RedisCommander", "MaxRetriesPerRequestError"]) {
      expect(index).not.toContain(marker);
    }
    // Loaded by require(), not import(): from CommonJS, import() would run Node's export lexer over the chunk.
    expect(index).toContain('require("./redis.js")');
    expect(index).not.toContain('import("./');
    expect(index).not.toMatch(/require\("(ioredis|lossless-json|zod)/);
  });

  it.each(FUNCTIONS)("%s: redis.js is self-contained and exports the connection factory", (fn) => {
    const chunk = resolve(`dist/${fn}/redis.js`);
    expect(existsSync(chunk)).toBe(true);
    const code = readFileSync(chunk, "utf8");
    // Only Node's own modules are required: nothing from node_modules.
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
    for (const name of required) expect(name).toMatch(/^(node:)?[a-z_]+$/);
    expect(required.every((name) => !name.includes("ioredis"))).toBe(true);
    expect(typeof require(chunk).connectRedis).toBe("function");
  });

  it.each(FUNCTIONS)("%s: the HTTP forward is forward.js beside main.js, loaded at the first forward", (fn) => {
    const index = coldStartCode(fn).toString("utf8");
    expect(index).toContain('require("./forward.js")');
    // Markers of the forward's transport: only in forward.js.
    for (const marker of ["maxSockets", "webhook-signature"]) expect(index).not.toContain(marker);
    const chunk = resolve(`dist/${fn}/forward.js`);
    const code = readFileSync(chunk, "utf8");
    for (const name of [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!)) expect(name).toMatch(/^(node:)?[a-z_]+$/);
    expect(typeof require(chunk).forwardTarget).toBe("function");
  });

  it.each(FUNCTIONS)("%s: zod is zod.js beside main.js, required only when zod itself is needed", (fn) => {
    const index = coldStartCode(fn).toString("utf8");
    expect(index).toContain('require("./zod.js")');
    // Markers of zod's own code (its class registry, its error class): only in zod.js.
    for (const marker of ["$ZodType", "$ZodError", "ZodMiniObject"]) expect(index).not.toContain(marker);
    const chunk = resolve(`dist/${fn}/zod.js`);
    for (const name of [...readFileSync(chunk, "utf8").matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!)) expect(name).toMatch(/^(node:)?[a-z_]+$/);
    expect(typeof require(chunk).looseObject).toBe("function");
  });

  it("a deploy that left forward.js behind fails each forward, saying so, and keeps the event", async () => {
    const dir = deployedWithout("forward.js");
    const saved = { ...process.env };
    Object.assign(process.env, {
      SUD_APP_ID,
      SUD_APP_SECRET: SUD_SECRET,
      FORWARD_URL: "http://127.0.0.1:9/hooks",
      FORWARD_SECRET: `whsec_${Buffer.alloc(32, 7).toString("base64")}`,
    });
    const errors: string[] = [];
    const stop = interceptOutput((text, stream) => stream === "stderr" && errors.push(text) > 0);
    try {
      const { handler } = require(join(dir, "index.js"));
      const answer = await handler(fcHttpBuffer(sudCall({ now: Date.now(), body: sudEnvelope("sud.mg.merchant.x", {}, "no-forward-1") })), {});
      expect(answer.statusCode).toBe(503);
      expect(JSON.parse(answer.body).ret_msg).toBe("delivery_failed: delivery failed: forward: the forward target (forward.js beside index.js) could not be loaded");
      expect(errors.join("")).toContain('"msg":"dead letter"');
    } finally {
      stop();
      process.env = saved;
    }
  });

  it("a deploy that left zod.js behind accepts what the compiled parser takes, and keeps what it refuses, saying why", async () => {
    const dir = deployedWithout("zod.js");
    const saved = { ...process.env };
    Object.assign(process.env, { SUD_APP_ID, SUD_APP_SECRET: SUD_SECRET });
    const errors: string[] = [];
    const stop = interceptOutput((text, stream) => stream === "stderr" && errors.push(text) > 0);
    try {
      const { handler } = require(join(dir, "index.js"));
      const accepted = await handler(fcHttpBuffer(sudCall({ now: Date.now(), body: sudEnvelope("sud.mg.merchant.x", {}, "no-zod-1") })), {});
      expect(JSON.parse(accepted.body).ret_msg).toBe("SUCCESS");
      // group_id must be a string: the parser refuses it, and only zod could say so.
      const refused = await handler(fcHttpBuffer(sudCall({ now: Date.now(), body: sudEnvelope("sud.mg.merchant.match.start", { group_id: 5 }, "no-zod-2") })), {});
      expect(refused.statusCode).toBe(200);
      expect(JSON.parse(refused.body).ret_msg).toBe("quarantined: internal: internal error while reading the callback; it was kept for replay");
      expect(errors.join("")).toContain("zod (zod.js beside index.js) could not be loaded");
      expect(errors.join("")).toContain('"msg":"dead letter"');
    } finally {
      stop();
      process.env = saved;
    }
  });

  it("a deploy that left redis.js behind fails closed, saying so, when REDIS_URL is set", async () => {
    const dir = deployedWithout("redis.js");
    const saved = { ...process.env };
    Object.assign(process.env, { SUD_APP_ID, SUD_APP_SECRET: SUD_SECRET, REDIS_URL: "redis://127.0.0.1:6379" });
    const errors: string[] = [];
    const stop = interceptOutput((text, stream) => stream === "stderr" && errors.push(text) > 0);
    try {
      const { handler } = require(join(dir, "index.js"));
      const answer = await handler(fcHttpBuffer(sudCall({ now: Date.now(), body: sudEnvelope("sud.mg.merchant.x", {}) })), {});
      // The first to need Redis is SUD's nonce memory: its answer is stable, the log says why.
      expect(answer.statusCode).toBe(503);
      expect(JSON.parse(answer.body).ret_msg).toBe("delivery_failed: shared dedupe store unavailable; retry later");
      expect(errors.join("")).toContain("nonce store unavailable: the Redis client (redis.js beside index.js) could not be loaded");
    } finally {
      stop();
      process.env = saved;
    }
  });
});
