/** One rebuild of npm start's watch: its number, whether it built, and the hash of each bundle it wrote. */
export interface BuildReport {
  readonly number: number;
  readonly at: number;
  readonly ok: boolean;
  readonly durationMs: number;
  readonly errors: readonly string[];
  /** Function → bundle hash (bundle-stamp.ts), for the bundles this build wrote or found unchanged. */
  readonly bundles: Readonly<Record<string, string>>;
}

/** The builds seen so far, so a request's bundle hash can be shown as the build that made it. */
export class Builds {
  private readonly numberOfHash = new Map<string, number>();
  latest: BuildReport | undefined;

  note(report: BuildReport): void {
    this.latest = report;
    for (const hash of Object.values(report.bundles)) this.numberOfHash.set(hash, report.number);
  }

  numberOf(hash: string): number | undefined {
    return this.numberOfHash.get(hash);
  }
}
