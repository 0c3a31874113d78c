/**
 * The commands' own option parsing: --help prints the usage; a wrong option stops with one line that
 * says what is wrong, then the usage, exit 2, never a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

/** A command line that cannot be run as typed; the message is one line. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

export function readCommandLine<const T extends Options>(argv: readonly string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(reasonOf(error as Error & { code?: string }));
  }
}

/** Node's messages, shortened to what a person needs to read. */
function reasonOf(error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? "";
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${quoted}`;
  if (error.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `unexpected argument ${quoted}`;
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const option = quoted.split(" ")[0] ?? quoted;
    return /does not take an argument/.test(error.message) ? `option ${option} takes no value` : `option ${option} needs a value`;
  }
  return error.message.split("\n")[0]!;
}

/** A TCP port, 0 to 65535 (0: any free one). */
export function portNumber(text: string, option = "--port"): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`${option} must be a port number (0 to 65535), not ${text}`);
  return port;
}

/** A whole number of at least `min`. */
export function wholeNumber(text: string, option: string, min = 1): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min) throw new UsageError(`${option} must be a whole number of at least ${min}, not ${text}`);
  return value;
}

/** For a command's last catch: a usage error is its line and the usage (exit 2); anything else is for the caller. */
export function usageFailure(error: unknown, command: string, usage: string): number | undefined {
  if (!(error instanceof UsageError)) return undefined;
  process.stderr.write(`${command}: ${error.message}\n${usage}\n`);
  return 2;
}
