import type { NonceSeen, NonceStore } from "./store";

interface Entry {
  digest: string;
  expiresAt: number;
}

/**
 * Per-instance nonce memory: catches a replay that lands on the same warm instance. Bounded, oldest
 * first out, like the memory dedupe store; with REDIS_URL every instance shares one memory instead.
 */
export class MemoryNonceStore implements NonceStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  remember(key: string, digest: string, ttlMs: number): NonceSeen {
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) return entry.digest === digest ? "same" : "different";
    if (entry) this.entries.delete(key);
    this.entries.set(key, { digest, expiresAt: now + ttlMs });
    if (this.entries.size > this.maxEntries) this.evictOldest();
    return "first";
  }

  /** Drops the oldest eighth at once (one per call is slow once the map is full; see MemoryDedupeStore). */
  private evictOldest(): void {
    let count = Math.max(1, this.maxEntries >> 3);
    for (const key of this.entries.keys()) {
      this.entries.delete(key);
      if (--count === 0) break;
    }
  }
}
