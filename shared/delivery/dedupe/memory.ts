import { type ClaimResult, COMPLETED_TTL_MS, type DedupeStore } from "./store";

interface Entry {
  state: "in_progress" | "completed";
  expiresAt: number;
}

/**
 * Per-instance dedupe: stops retries that land on the same warm instance. Bounded, oldest first out,
 * so a long-lived instance does not grow without end.
 */
export class MemoryDedupeStore implements DedupeStore {
  private readonly entries = new Map<string, Entry>();

  /** Per instance: an idempotent callback's answers are kept beside it, in this instance's memory too (memory-answers.ts, in answer.js). */
  readonly perInstance = true;

  constructor(
    readonly maxEntries = 10_000,
    readonly now: () => number = Date.now,
    readonly completedMs = COMPLETED_TTL_MS,
  ) {}

  claim(key: string, inProgressMs: number): ClaimResult {
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) return entry.state;
    // An expired entry goes to the back, as the newest; a new key is appended there anyway.
    if (entry) this.entries.delete(key);
    this.entries.set(key, { state: "in_progress", expiresAt: now + inProgressMs });
    if (this.entries.size > this.maxEntries) this.evictOldest();
    return "claimed";
  }

  complete(key: string): void {
    const expiresAt = this.now() + this.completedMs;
    // The claim's own entry, changed in place (its place in the map is the same either way): no new object per request.
    const entry = this.entries.get(key);
    if (entry) {
      entry.state = "completed";
      entry.expiresAt = expiresAt;
    } else this.entries.set(key, { state: "completed", expiresAt });
  }

  async release(key: string): Promise<void> {
    this.entries.delete(key);
  }

  /**
   * Drops the oldest eighth at once. Dropping one entry per claim costs ~7 µs once the map is full:
   * V8 walks every deleted slot at the front of a Map to find its first live key, until it rehashes.
   */
  private evictOldest(): void {
    let count = Math.max(1, this.maxEntries >> 3);
    for (const key of this.entries.keys()) {
      this.entries.delete(key);
      if (--count === 0) break;
    }
  }
}
