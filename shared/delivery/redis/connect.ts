/**
 * The only module that imports ioredis. The build keeps it out of each function's index.js and writes
 * it beside it as redis.js, loaded on the first request that needs Redis (see lazy.ts).
 */
import Redis from "ioredis";
import type { Logger } from "../../core/log";

export interface RedisOptions {
  readonly url: string;
  /** Host and port only, for log lines: the URL may hold a password. */
  readonly host: string;
  /** Bound on every command, so a Redis that is slow or gone cannot hold the answer. */
  readonly timeoutMs: number;
}

/** A client that connects when told (`connect()`); lazy.ts bounds that first connection. */
export function connectRedis(options: RedisOptions, connectTimeoutMs: number, log: Logger): Redis {
  const client = new Redis(options.url, {
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    commandTimeout: options.timeoutMs,
    // A socket that stops answering (an instance thawed after a freeze, a dropped NAT entry) is
    // dropped and reconnected rather than left to time out every command.
    socketTimeout: options.timeoutMs,
    // Commands issued while reconnecting wait (bounded by commandTimeout); after one failed
    // reconnection they fail at once instead of queueing behind a Redis that is down.
    enableOfflineQueue: true,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    connectionName: "platform-callbacks",
  });
  let healthy = true;
  // An 'error' event without a listener would crash the process; log each outage once.
  client.on("error", (error: Error) => {
    if (!healthy) return;
    healthy = false;
    log("warn", "redis unavailable", { redis: options.host, error: error.message });
  });
  client.on("ready", () => {
    if (!healthy) log("info", "redis available again", { redis: options.host });
    healthy = true;
  });
  return client;
}
