// Times calls of one handler in-process: a warm-up so the JIT has settled, then one hrtime pair per call.

export interface Timing {
  readonly medianUs: number;
  readonly p99Us: number;
  readonly calls: number;
}

export interface TimingOptions {
  readonly warmup: number;
  readonly iterations: number;
  /** Stops early past this, so a slow subject cannot stretch the run. */
  readonly maxMs: number;
}

type Handler = (event: unknown) => Promise<{ statusCode?: number }>;

/** `events[i]` is used once; every answer must be 200, or the figure would time a refusal. */
export async function timeCalls(handler: Handler, events: readonly unknown[], options: TimingOptions): Promise<Timing> {
  const { warmup, iterations, maxMs } = options;
  if (events.length < warmup + iterations) throw new Error(`need ${warmup + iterations} events, got ${events.length}`);
  for (let i = 0; i < warmup; i++) expectOk(await handler(events[i]), i);

  const samples = new Float64Array(iterations);
  const stopAt = process.hrtime.bigint() + BigInt(maxMs) * 1_000_000n;
  let n = 0;
  for (; n < iterations; n++) {
    const event = events[warmup + n];
    const start = process.hrtime.bigint();
    const answer = await handler(event);
    const end = process.hrtime.bigint();
    samples[n] = Number(end - start);
    expectOk(answer, warmup + n);
    if (end > stopAt) {
      n++;
      break;
    }
  }
  const sorted = samples.subarray(0, n).sort();
  return { medianUs: quantile(sorted, 0.5) / 1000, p99Us: quantile(sorted, 0.99) / 1000, calls: n };
}

export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

function expectOk(answer: { statusCode?: number } | undefined, index: number): void {
  if (answer?.statusCode !== 200) throw new Error(`call ${index} was answered ${answer?.statusCode}: ${JSON.stringify(answer)}`);
}
