/**
 * The real Redis the Redis tests run against (127.0.0.1:6379 here and in CI). Absent in CI, the
 * tests fail loudly; absent elsewhere, they are skipped with the reason printed.
 */
import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import Redis from "ioredis";

export const REDIS_URL = "redis://127.0.0.1:6379";

export interface RedisAvailability {
  readonly available: boolean;
  readonly reason?: string;
}

/** PING over a plain socket, so a missing Redis costs one refused connection and no client retries. */
function ping(): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(6379, "127.0.0.1");
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(1000, () => fail(new Error("no answer within 1 s")));
    socket.once("error", fail);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      if (data.toString().startsWith("+PONG")) resolve();
      else reject(new Error(`unexpected answer ${JSON.stringify(data.toString().slice(0, 40))}`));
    });
  });
}

let checked: Promise<RedisAvailability> | undefined;

/** Use at the top of a Redis test file: `const redis = await requireRedis(); describe.skipIf(!redis.available)(...)`. */
export function requireRedis(): Promise<RedisAvailability> {
  checked ??= ping().then(
    () => ({ available: true }),
    (error: Error) => {
      const reason = `Redis at 127.0.0.1:6379 is required for the Redis tests and was not reachable (${error.message})`;
      if (process.env.CI) throw new Error(`${reason}; CI must provide it, these tests never pass by skipping there`);
      console.warn(`skipping: ${reason}; start a Redis there to run them`);
      return { available: false, reason };
    },
  );
  return checked;
}

/** A key prefix no other run or test shares, so runs never collide. */
export function uniquePrefix(label: string): string {
  return `test:${label}:${process.pid}:${randomBytes(4).toString("hex")}:`;
}

/** A plain client for the test's own reads; quit it when done. */
export function testClient(): Redis {
  return new Redis(REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 1 });
}

/** Deletes every key under the prefix (dedupe keys, streams). */
export async function cleanPrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    cursor = next;
    if (keys.length) await client.del(...keys);
  } while (cursor !== "0");
}
