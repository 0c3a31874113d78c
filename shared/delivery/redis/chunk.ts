/**
 * Everything that only a function with REDIS_URL runs: the client (ioredis, through connect.ts) and the
 * Redis stores. The build keeps it out of each function's index.js and writes it beside it as redis.js,
 * loaded on the first request that needs Redis (see lazy.ts and lazy-stores.ts).
 */
import type { Redis } from "ioredis";
import type { Logger } from "../../core/log";
import { connectRedis, type RedisOptions } from "./connect";

export { redisDeadLetters } from "../dead-letter/redis";
export { RedisDedupeStore } from "../dedupe/redis";
export { RedisNonceStore } from "../nonce/redis";
export { streamTarget } from "./stream-target";
export { connectRedis };

/** A connected client, or a rejection once `connectTimeoutMs` has passed (TCP, TLS, AUTH, handshake). */
export async function openRedis(options: RedisOptions, connectTimeoutMs: number, log: Logger): Promise<Redis> {
  const client = connectRedis(options, connectTimeoutMs, log);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`could not connect to ${options.host} within ${connectTimeoutMs} ms`)), connectTimeoutMs);
      }),
    ]);
    return client;
  } catch (error) {
    // Stop its reconnection attempts: the next request after the pause makes a fresh one.
    client.disconnect();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
