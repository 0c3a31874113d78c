import { interfaceOf } from "../../shared/platforms/sud/app-server/platform";
import { PLATFORM_TOOLING } from "../../shared/platforms/tooling";
import { CATALOGUE } from "../send/catalogue";
import { terminalSafe } from "./terminal-safe";
import type { Verdict } from "./verdict";

/** One callback through the emulator, for its one readable log line. */
export interface RequestLogEntry {
  readonly via: "fc-http" | "fc-invoke" | "aws";
  readonly fn: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly verdict?: Verdict;
  /** The platform's name for the callback, when the request names it. */
  readonly callback?: string;
  readonly durationMs: number;
  readonly coldStartMs?: number;
  /** The hash of the bundle that answered (the inspector shows it). */
  readonly build?: string;
  /** Said instead of a verdict when the function did not answer (a crash, a timeout, no such route). */
  readonly note?: string;
}

const VIA = { "fc-http": "FC  ", "fc-invoke": "FC↯ ", aws: "AWS " } as const;

/** The line, every part that came from the request, the answer or the function escaped for the terminal. */
export function formatLogLine(entry: RequestLogEntry, color = false): string {
  const paint = (code: number, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const safe = terminalSafe;
  const time = new Date().toTimeString().slice(0, 8);
  const outcome = entry.note
    ? paint(31, `✘ ${safe(entry.note)}`)
    : entry.verdict?.accepted
      ? paint(32, "✔ accepted")
      : paint(entry.verdict?.kind === "refused" ? 33 : 31, `✘ ${entry.verdict?.kind ?? "error"}: ${safe(entry.verdict?.detail ?? "")}`);
  const timing = `${entry.durationMs} ms${entry.coldStartMs !== undefined ? `, cold start ${entry.coldStartMs} ms` : ""}`;
  const parts = [time, VIA[entry.via], safe(entry.fn).padEnd(28), safe(`${entry.method} ${entry.path}`), String(entry.status), outcome];
  if (entry.callback) parts.push(paint(36, safe(entry.callback)));
  parts.push(paint(90, `(${timing})`));
  return parts.join("  ");
}

/**
 * The callback a request names, as its platform names it (Tencent's CallbackCommand, SUD's notify_event, the
 * 元镜 SPI); an app-server call, whose body names none, by where it was sent: the interface's own function
 * (`fn`), or the prefix function and the path's last segment, as the function itself reads it.
 */
export function callbackName(query: Readonly<Record<string, string>>, body: Buffer, fn: string, path: string): string | undefined {
  const text = body.length === 0 || body.length > 1024 * 1024 ? "" : body.toString("utf8");
  for (const tooling of PLATFORM_TOOLING) {
    const name = tooling.callbackOf(query, text);
    if (name) return name;
  }
  for (const { callback, aliases, fn: own, segment } of CATALOGUE) {
    if (!segment) continue;
    // A direct invocation's path is the invoke API's (…/invocations): only the function can name the interface.
    if (fn === segment.prefixFunction ? [segment.name, ...aliases].includes(interfaceOf(path)) : fn === own) return callback;
  }
  return undefined;
}
