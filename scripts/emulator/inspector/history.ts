import type { RequestRecord } from "./record";

/** Default number of requests kept (EMULATOR_HISTORY), and the bytes of bodies and log lines they may hold. */
export const DEFAULT_HISTORY = 2000;
export const DEFAULT_HISTORY_BYTES = 256 * 1024 * 1024;

/**
 * The requests the inspector can show, oldest dropped first once there are `limit` of them or they
 * hold more than `maxBytes`: a long day of testing does not grow the emulator's memory without end.
 */
export class History {
  private readonly records: RequestRecord[] = [];
  private bytes = 0;
  private droppedCount = 0;

  constructor(
    readonly limit = DEFAULT_HISTORY,
    readonly maxBytes = DEFAULT_HISTORY_BYTES,
  ) {}

  add(record: RequestRecord): void {
    this.records.push(record);
    this.bytes += record.bytes;
    // The newest stays, however large: it is the one being looked at.
    while (this.records.length > 1 && (this.records.length > this.limit || this.bytes > this.maxBytes)) {
      this.bytes -= this.records.shift()!.bytes;
      this.droppedCount++;
    }
  }

  /** By sequence number: they are kept in order, so a binary search. */
  get(seq: number): RequestRecord | undefined {
    let low = 0;
    let high = this.records.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const at = this.records[mid]!.seq;
      if (at === seq) return this.records[mid];
      if (at < seq) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }

  newestFirst(): RequestRecord[] {
    return [...this.records].reverse();
  }

  get stats() {
    return { limit: this.limit, size: this.records.length, dropped: this.droppedCount, bytes: this.bytes, maxBytes: this.maxBytes };
  }
}
