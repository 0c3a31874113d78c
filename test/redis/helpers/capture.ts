import type { Logger, LogLevel } from "../../../shared/core/log";

export interface Captured {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: Record<string, unknown> | undefined;
}

/** A logger that keeps every line, and the text of all of them for "never logged" checks. */
export function captureLog(): { log: Logger; lines: Captured[]; text: () => string } {
  const lines: Captured[] = [];
  return {
    log: (level, message, fields) => void lines.push({ level, message, fields }),
    lines,
    text: () => lines.map((l) => JSON.stringify({ level: l.level, msg: l.message, ...l.fields })).join("\n"),
  };
}
