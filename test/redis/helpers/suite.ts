import { afterAll, beforeAll } from "vitest";
import { type Backend, startBackend } from "./backend";
import { cleanPrefix, testClient, uniquePrefix } from "./redis";

export interface RedisSuite {
  /** Every key the suite writes starts with it; removed after the suite. */
  readonly prefix: string;
  /** A plain client for the suite's own reads. */
  readonly client: ReturnType<typeof testClient>;
  /** The forward's receiver, started before the suite's first test. */
  readonly backend: Backend;
}

/** Call inside a `describe`: a key prefix of its own, a Redis client and a forward receiver, cleaned up after. */
export function redisSuite(label: string): RedisSuite {
  const prefix = uniquePrefix(label);
  const client = testClient();
  let backend: Backend | undefined;
  beforeAll(async () => {
    backend = await startBackend();
  });
  afterAll(async () => {
    await cleanPrefix(client, prefix);
    await Promise.all([client.quit(), backend?.close()]);
  });
  return {
    prefix,
    client,
    get backend() {
      if (!backend) throw new Error("the backend starts in beforeAll: read it inside a test");
      return backend;
    },
  };
}
