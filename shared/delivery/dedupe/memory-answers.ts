import type { AnswerClaim, DedupeStore, StoredAnswer } from "./store";

interface Record {
  state: "in_progress" | "completed";
  expiresAt: number;
  hash: string;
  /** Names the claim while in progress, so that only it releases the record. */
  claim?: string;
  stored?: StoredAnswer;
}

type AnswerRecords = Required<Pick<DedupeStore, "claimAnswer" | "completeAnswer" | "releaseAnswer">>;

/**
 * The answers of idempotent callbacks for a per-instance (memory) dedupe store: in this instance's
 * memory, bounded and expiring as the store is. Part of answer.js: functions without such callbacks
 * never carry it.
 */
export class MemoryAnswerRecords implements AnswerRecords {
  private readonly records = new Map<string, Record>();
  private claims = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
    private readonly completedMs: number,
  ) {}

  async claimAnswer(key: string, hash: string, inProgressMs: number): Promise<AnswerClaim> {
    const now = this.now();
    const record = this.records.get(key);
    if (record && record.expiresAt > now) {
      return record.state === "completed" && record.stored ? { state: "completed", hash: record.hash, stored: record.stored } : { state: "in_progress", hash: record.hash };
    }
    this.records.delete(key);
    const claim = String(++this.claims);
    this.records.set(key, { state: "in_progress", expiresAt: now + inProgressMs, hash, claim });
    // Oldest first out, an eighth at once (as the store does).
    if (this.records.size > this.maxEntries) {
      let count = Math.max(1, this.maxEntries >> 3);
      for (const old of this.records.keys()) {
        this.records.delete(old);
        if (--count === 0) break;
      }
    }
    return { state: "claimed", claim };
  }

  async completeAnswer(key: string, hash: string, stored: StoredAnswer): Promise<void> {
    this.records.set(key, { state: "completed", expiresAt: this.now() + this.completedMs, hash, stored });
  }

  async releaseAnswer(key: string, claim: string): Promise<void> {
    const record = this.records.get(key);
    if (record?.state === "in_progress" && record.claim === claim) this.records.delete(key);
  }
}

const beside = new WeakMap<object, MemoryAnswerRecords>();

/**
 * Where a dedupe store keeps answers: its own methods (Redis), else for a per-instance store records
 * beside it; undefined for a store that can do neither (the callback is then refused, never answered unchecked).
 */
export function answerRecordsOf(store: DedupeStore): AnswerRecords | undefined {
  if (store.claimAnswer && store.completeAnswer && store.releaseAnswer) return store as AnswerRecords;
  const memory = store as DedupeStore & { perInstance?: boolean; maxEntries?: number; now?: () => number; completedMs?: number };
  if (memory.perInstance !== true) return undefined;
  let records = beside.get(store);
  if (!records) beside.set(store, (records = new MemoryAnswerRecords(memory.maxEntries ?? 10_000, memory.now ?? Date.now, memory.completedMs ?? 0)));
  return records;
}
