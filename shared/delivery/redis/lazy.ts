import type { Redis } from "ioredis";
import type { Logger } from "../../core/log";
import type { RedisOptions } from "./connect";

/** One Redis connection per warm instance, made on first use. */
export interface RedisHandle {
  readonly host: string;
  client(): Promise<Redis>;
  close(): Promise<void>;
}

export function lazyRedis(options: RedisOptions, log: Logger): RedisHandle {
  let client: Promise<Redis> | undefined;
  return {
    host: options.host,
    client() {
      // A dynamic import: the bundle resolves it to ./redis.js, so ioredis loads only when used.
      client ??= import("./connect").then(
        (m) => m.connectRedis(options, log),
        (error: unknown) => {
          client = undefined;
          throw error;
        },
      );
      return client;
    },
    async close() {
      if (!client) return;
      const redis = await client;
      client = undefined;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
