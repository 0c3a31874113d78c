import { writeSync } from "node:fs";

/** Until a write does not complete: then every line goes through process.stdout / process.stderr, for good. */
let direct = true;

/**
 * Writes one log line, its newline included, to stdout (fd 1) or stderr (fd 2), whole and in order.
 * Straight to the descriptor with one write(2) call: a cold start's first line then does not create
 * process.stdout, whose stream costs more than the rest of that request (a pipe's about 20 M
 * instructions). A descriptor that does not take the whole line (a non-blocking pipe that is full:
 * EAGAIN, or only part of it taken) or fails sends the rest of that line, and every line after it,
 * through the process's stream, which queues what the pipe cannot take yet: no line is lost, and
 * none overtakes another.
 */
export function writeLogLine(fd: 1 | 2, text: string): void {
  if (direct) {
    let written = 0;
    try {
      written = writeSync(fd, text);
      if (written === Buffer.byteLength(text)) return;
    } catch {
      // Nothing of the line was written (EAGAIN, EPIPE, EBADF…): the stream writes it, or reports it as it always did.
    }
    direct = false;
    streamOf(fd).write(written > 0 ? Buffer.from(text).subarray(written) : text);
    return;
  }
  streamOf(fd).write(text);
}

const streamOf = (fd: 1 | 2) => (fd === 1 ? process.stdout : process.stderr);
