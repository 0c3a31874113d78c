// Times calls of one handler in-process, one hrtime pair per call, in blocks the caller interleaves with
// other subjects' blocks; after a warm-up, so the JIT has settled before anything is counted.

export interface Timing {
  readonly medianUs: number;
  readonly p99Us: number;
  readonly calls: number;
}

type Handler = (event: unknown) => Promise<{ statusCode?: number }>;

/** Each event is used once (distinct dedupe ids); every answer must be 200, or the figure would time a refusal. */
export class CallTimer {
  private readonly samples: Float64Array;
  private next = 0;
  private timed = 0;
  private spentNs = 0n;

  constructor(
    private readonly handler: Handler,
    private readonly events: readonly unknown[],
    iterations: number,
    /** Timed calls stop past this much measured time, so a slow subject cannot stretch the run. */
    private readonly maxNs: bigint,
  ) {
    this.samples = new Float64Array(iterations);
  }

  async warm(count: number): Promise<void> {
    for (let i = 0; i < count; i++) expectOk(await this.handler(this.events[this.next]), this.next++);
  }

  /** Times up to `count` calls; false once the subject has all its samples or used its time. */
  async block(count: number): Promise<boolean> {
    for (let i = 0; i < count && !this.full(); i++) {
      const event = this.events[this.next];
      const start = process.hrtime.bigint();
      const answer = await this.handler(event);
      const end = process.hrtime.bigint();
      this.samples[this.timed++] = Number(end - start);
      this.spentNs += end - start;
      expectOk(answer, this.next++);
    }
    return !this.full();
  }

  result(): Timing {
    const sorted = this.samples.subarray(0, this.timed).sort();
    return { medianUs: quantile(sorted, 0.5) / 1000, p99Us: quantile(sorted, 0.99) / 1000, calls: this.timed };
  }

  private full(): boolean {
    return this.timed >= this.samples.length || this.next >= this.events.length || this.spentNs >= this.maxNs;
  }
}

export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

function expectOk(answer: { statusCode?: number } | undefined, index: number): void {
  if (answer?.statusCode !== 200) throw new Error(`call ${index} was answered ${answer?.statusCode}: ${JSON.stringify(answer)}`);
}
