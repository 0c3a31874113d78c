/**
 * The lines the real JSON logger writes, captured from stdout and stderr: what FC and Lambda log
 * collectors would keep. Tests that need the product's own serialisation (not a test logger's) use it.
 */
export interface CapturedLog {
  /** Every JSON log line written since `start`, as text. */
  readonly lines: string[];
  stop(): void;
}

export function captureJsonLog(): CapturedLog {
  const lines: string[] = [];
  const restore: Array<() => void> = [];
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write;
    stream.write = function write(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
      const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : "";
      if (text.startsWith('{"level"')) {
        lines.push(text.endsWith("\n") ? text.slice(0, -1) : text);
        return true;
      }
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stream.write;
    restore.push(() => void (stream.write = original));
  }
  return {
    lines,
    stop: () => {
      for (const undo of restore) undo();
    },
  };
}
