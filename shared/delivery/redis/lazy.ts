import type { Redis } from "ioredis";
import type { Logger } from "../../core/log";
import type { RedisOptions } from "./connect";

/** One Redis connection per warm instance, made on first use. */
export interface RedisHandle {
  readonly host: string;
  client(): Promise<Redis>;
  close(): Promise<void>;
}

/**
 * Time allowed to connect (TCP, TLS, AUTH, handshake) at a cold start. Commands are sent only once
 * connected, so their own short timeout measures Redis, not the connection being set up.
 */
export const CONNECT_TIMEOUT_MS = 1000;
/** After a failed connection, requests fail at once for this long instead of each waiting to connect. */
const RETRY_CONNECT_AFTER_MS = 1000;

export function lazyRedis(options: RedisOptions, log: Logger): RedisHandle {
  let connection: Promise<Redis> | undefined;
  let failed: { at: number; message: string } | undefined;
  return {
    host: options.host,
    client() {
      if (connection) return connection;
      if (failed && Date.now() - failed.at < RETRY_CONNECT_AFTER_MS) {
        return Promise.reject(new Error(`Redis unavailable: ${failed.message}`));
      }
      connection = open(options, log).catch((error: Error) => {
        connection = undefined;
        failed = { at: Date.now(), message: error.message };
        throw error;
      });
      return connection;
    },
    async close() {
      const pending = connection;
      connection = undefined;
      const redis = await pending?.catch(() => undefined);
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}

/** The Redis chunk (redis.js beside index.js: the client and the Redis stores), loaded on first use. */
let chunk: Promise<typeof import("./chunk")> | undefined;
export function loadRedisChunk(): Promise<typeof import("./chunk")> {
  // A dynamic import: the bundle turns it into a require() of ./redis.js (build.mjs), so ioredis loads only when used.
  return (chunk ??= import("./chunk").catch(() => {
    chunk = undefined;
    // The loader's message names file paths; the answer to the platform should not.
    throw new Error("the Redis client (redis.js beside index.js) could not be loaded");
  }));
}

async function open(options: RedisOptions, log: Logger): Promise<Redis> {
  return (await loadRedisChunk()).openRedis(options, CONNECT_TIMEOUT_MS, log);
}
