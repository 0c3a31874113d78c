import type { RedisHandle } from "../redis/lazy";
import type { NonceSeen, NonceStore } from "./store";

// SET NX PX records the first digest; the GET in the same script returns the one recorded before.
const REMEMBER = `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])`;

/** Nonce memory shared by every instance: one key per (nonce, timestamp), holding the body's digest. */
export class RedisNonceStore implements NonceStore {
  constructor(
    private readonly redis: RedisHandle,
    private readonly keyPrefix: string,
  ) {}

  async remember(key: string, digest: string, ttlMs: number): Promise<NonceSeen> {
    const client = await this.redis.client();
    const earlier = (await client.eval(REMEMBER, 1, this.keyPrefix + key, digest, Math.max(1, Math.ceil(ttlMs)))) as string | null;
    if (earlier === null) return "first";
    return earlier === digest ? "same" : "different";
  }
}
