import type { FunctionLine } from "./record";

/** Lines kept per request, and requests waiting for their record (a crash may leave some that never get one). */
const LINES_PER_REQUEST = 200;
const WAITING = 1000;

/**
 * The functions' own log lines, by the request they were written for, until the request's record is
 * made: the function host delivers a request's lines before its result, so they are all here by then.
 */
export class FunctionLines {
  private readonly waiting = new Map<string, FunctionLine[]>();

  add(requestId: string, line: FunctionLine): void {
    let lines = this.waiting.get(requestId);
    if (!lines) {
      if (this.waiting.size >= WAITING) this.waiting.delete(this.waiting.keys().next().value!);
      lines = [];
      this.waiting.set(requestId, lines);
    }
    if (lines.length < LINES_PER_REQUEST) lines.push(line);
    else if (lines.length === LINES_PER_REQUEST) lines.push({ stream: "stderr", text: `(more lines than ${LINES_PER_REQUEST}: the rest are not kept here)` });
  }

  take(requestId: string | undefined): FunctionLine[] {
    if (requestId === undefined) return [];
    const lines = this.waiting.get(requestId) ?? [];
    this.waiting.delete(requestId);
    return lines;
  }
}
