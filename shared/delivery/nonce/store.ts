/** What a nonce store says of a (nonce, timestamp) key: new, seen with the same body, or seen with another. */
export type NonceSeen = "first" | "same" | "different";

/**
 * Remembers the signatures a platform has already accepted, by a key naming its nonce and time,
 * with the digest of the body they signed. A signature seen again with the same body is the
 * platform's own retry (dedupe settles it); with another body it is a replay and is refused.
 */
export interface NonceStore {
  /**
   * Records `digest` under `key` for `ttlMs` unless the key is held already, and compares. Rejects
   * when the store cannot be reached: the caller must then refuse as retryable, never accept unchecked.
   * A store in memory answers at once, without a promise.
   */
  remember(key: string, digest: string, ttlMs: number): NonceSeen | Promise<NonceSeen>;
}
