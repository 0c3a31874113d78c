/**
 * npm run replay -- --list | --all | --id <id>... [--function <name>] [--force] [--from-log <file>]
 *
 * Lists dead letters and re-delivers chosen ones (or all) through the function that received them,
 * with the same settings the functions use (REDIS_URL, REDIS_KEY_PREFIX, DEAD_LETTER_STREAM,
 * REDIS_STREAM, FORWARD_URL, FORWARD_SECRET and the platforms' secrets), reporting each outcome.
 */
import type { Logger } from "../shared/core/log";
import { deliveryFromEnv } from "../shared/delivery/from-env";
import { terminalSafe, terminalSafeLines } from "./emulator/terminal-safe";
import { type LetterSource, logLetters, type StoredLetter, streamLetters } from "./replay/letters";
import { replay } from "./replay/replay";

interface Args {
  list: boolean;
  all: boolean;
  ids: string[];
  force: boolean;
  functionName?: string;
  fromLog?: string;
}

const USAGE = "usage: npm run replay -- --list | --all | --id <id>... [--function <name>] [--force] [--from-log <file>]";

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { list: false, all: false, ids: [], force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--list") args.list = true;
    else if (arg === "--all") args.all = true;
    else if (arg === "--force") args.force = true;
    else if (arg === "--function") args.functionName = argv[++i];
    else if (arg === "--from-log") args.fromLog = argv[++i];
    else if (arg === "--id") while (argv[i + 1] && !argv[i + 1]!.startsWith("--")) args.ids.push(argv[++i]!);
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  if (!args.list && !args.all && args.ids.length === 0) throw new Error(USAGE);
  return args;
}

// Redis outages and refusals matter to the operator; routine info lines would drown the report.
const log: Logger = (level, message, fields) => {
  if (level !== "info") process.stderr.write(`${JSON.stringify({ level, msg: message, ...fields })}\n`);
};

/** A letter keeps what a caller sent: printed as text, never as terminal sequences. */
function describe({ id, letter }: StoredLetter): string {
  const event = letter.event ? ` ${letter.event.id}` : "";
  return terminalSafe(`${id}  ${letter.at}  ${letter.kind}/${letter.reason}  ${letter.platform} ${letter.callback ?? "?"}${event}  attempts=${letter.attempts}  ${letter.message}`);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const delivery = deliveryFromEnv(process.env, log);
  try {
    let source: LetterSource;
    if (args.fromLog) {
      source = logLetters(args.fromLog);
    } else if (delivery.redis && delivery.settings.redis) {
      source = streamLetters(await delivery.redis.client(), delivery.settings.redis.deadLetterStream);
    } else {
      throw new Error("REDIS_URL is not set: dead letters are in the functions' log; pass --from-log <file> with those log lines");
    }
    if (!delivery.redis) console.warn("note: without REDIS_URL, replay cannot see what the functions delivered since, nor remove letters from a log");

    const letters = await source.list();
    if (args.list) {
      console.log(`${letters.length} dead letter(s) in ${source.name}`);
      for (const letter of letters) console.log(describe(letter));
      if (!args.all && args.ids.length === 0) return 0;
    }
    const chosen = args.all ? letters : letters.filter((l) => args.ids.includes(l.id));
    const missing = args.ids.filter((id) => !letters.some((l) => l.id === id));
    for (const id of missing) console.log(terminalSafe(`${id}  not found in ${source.name}`));

    const results = await replay(chosen, { env: process.env, log, delivery, source, functionName: args.functionName, force: args.force });
    for (const r of results) console.log(terminalSafe(`${r.id}  ${r.status}  ${r.detail}${r.keptAs && r.keptAs !== r.id ? `  (kept as ${r.keptAs})` : ""}`));
    const count = (status: string) => results.filter((r) => r.status === status).length;
    console.log(
      `replayed ${results.length}: delivered ${count("delivered")}, already delivered ${count("already delivered")}, ` +
        `in progress ${count("in progress")}, failed ${count("failed")}, skipped ${count("skipped")}`,
    );
    return missing.length > 0 || results.some((r) => r.status !== "delivered" && r.status !== "already delivered") ? 1 : 0;
  } finally {
    await delivery.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(terminalSafeLines(error.message));
    process.exit(2);
  },
);
