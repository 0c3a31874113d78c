import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

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
  const stop = interceptOutput((text) => {
    if (!text.startsWith('{"level"')) return false;
    lines.push(text.endsWith("\n") ? text.slice(0, -1) : text);
    return true;
  });
  return { lines, stop };
}

/**
 * Sees what is written to stdout and stderr both ways the product writes it: straight to fd 1 and 2
 * (fs.writeSync, its usual way) and through process.stdout / process.stderr (after a write that did not
 * complete). `take` returns true for text it keeps from the terminal; the rest is written as it was.
 * Returns the function that undoes it.
 */
export function interceptOutput(take: (text: string, stream: "stdout" | "stderr") => boolean): () => void {
  const textOf = (chunk: unknown) => (typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString("utf8") : "");
  const restore: Array<() => void> = [];
  for (const [name, stream] of [
    ["stdout", process.stdout],
    ["stderr", process.stderr],
  ] as const) {
    const original = stream.write;
    stream.write = function write(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
      if (take(textOf(chunk), name)) return true;
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stream.write;
    restore.push(() => void (stream.write = original));
  }
  const writeSync = fs.writeSync;
  fs.writeSync = function intercepted(fd: number, data: unknown, ...rest: unknown[]): number {
    if ((fd === 1 || fd === 2) && typeof data === "string") {
      const text = textOf(data);
      if (take(text, fd === 1 ? "stdout" : "stderr")) return Buffer.byteLength(text);
    }
    return (writeSync as (...args: unknown[]) => number)(fd, data, ...rest);
  } as typeof fs.writeSync;
  // Code that imported writeSync by name (ESM, or a bundle's `import { writeSync }`) sees the change too.
  syncBuiltinESMExports();
  restore.push(() => {
    fs.writeSync = writeSync;
    syncBuiltinESMExports();
  });
  return () => {
    for (const undo of restore.reverse()) undo();
  };
}
