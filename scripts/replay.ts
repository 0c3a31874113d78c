/**
 * npm run replay -- --list | --all | --id <id>... | --parked [--function <name>] [--force] [--insecure] [--from-log <file>]
 *
 * Lists dead letters (with their attempts, when the redrive takes each next, and the parked ones) and
 * re-delivers chosen ones (or all, or the parked ones) through the function that received them,
 * with the same settings the functions use (DEAD_LETTER_KEY, REDIS_URL, REDIS_KEY_PREFIX,
 * DEAD_LETTER_STREAM, REDIS_STREAM, FORWARD_URL, FORWARD_SECRET and the platforms' secrets), resolved
 * as npm run send resolves them (development defaults < .env < environment), reporting each outcome.
 * Exit 0: every chosen letter delivered; 1: some not; 2: usage or configuration, nothing touched.
 */
import type { Logger } from "../shared/core/log";
import { checkLetter } from "../shared/delivery/dead-letter/seal";
import { deliveryFromEnv } from "../shared/delivery/from-env";
import { UsageError, usageFailure } from "./cli/command-line";
import { schemaFingerprint } from "../shared/redrive/fingerprint";
import { waitsForSchemas } from "../shared/redrive/policy";
import { functionForLetter } from "../shared/redrive/replay";
import { loadRedriveSettings, type RedriveSettings } from "../shared/redrive/settings";
import { DeadLetterStream } from "../shared/redrive/stream";
import { FUNCTION_SPECS } from "../functions/dead-letter-redrive/functions";
import { resolveSettings } from "./dev-credentials";
import { terminalSafe, terminalSafeLines } from "./emulator/terminal-safe";
import { type LetterSource, logLetters, type StoredLetter } from "./replay/letters";
import { replay } from "./replay/replay";

interface Args {
  list: boolean;
  all: boolean;
  ids: string[];
  force: boolean;
  insecure: boolean;
  parked: boolean;
  functionName?: string;
  fromLog?: string;
}

const USAGE = `usage: npm run replay -- --list | --all | --id <id>... | --parked [options]

Lists dead letters and re-delivers chosen ones (or all) through the function that received them.

  --list              list the letters (with --all or --id, before replaying)
  --all               replay every letter
  --id <id>...        replay these letters
  --parked            the letters the scheduled redrive parked (alone: replay them all)
  --function <name>   run them through this function
  --force             also letters older than DEDUPE_TTL_HOURS
  --insecure          also letters without a MAC (kept while DEAD_LETTER_KEY was unset)
  --from-log <file>   read the letters from a log (the functions' output, or npm start's .emulator/dead-letters.log)
  --help              this text`;
/** How long a letter is held while it is replayed: a scheduled redrive beside this run skips it meanwhile. */
const HOLD_MS = 30_000;

/** Settings whose development default only fits letters the emulator wrote. */
const SECRETS = ["DEAD_LETTER_KEY", "TENCENT_SDK_APP_ID", "TENCENT_CALLBACK_TOKEN", "SUD_APP_ID", "SUD_APP_SECRET", "YUANJING_APP_SECRET"];
const PLATFORM_SECRETS = ["TENCENT_CALLBACK_TOKEN", "SUD_APP_SECRET", "YUANJING_APP_SECRET"];

function parseArgs(argv: readonly string[]): Args | "help" {
  const args: Args = { list: false, all: false, ids: [], force: false, insecure: false, parked: false };
  const optionValue = (option: string, value: string | undefined) => {
    if (value === undefined || value.startsWith("--")) throw new UsageError(`option ${option} needs a value`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--list") args.list = true;
    else if (arg === "--all") args.all = true;
    else if (arg === "--force") args.force = true;
    else if (arg === "--insecure") args.insecure = true;
    else if (arg === "--parked") args.parked = true;
    else if (arg === "--function") args.functionName = optionValue(arg, argv[++i]);
    else if (arg === "--from-log") args.fromLog = optionValue(arg, argv[++i]);
    else if (arg === "--id") {
      if (!argv[i + 1] || argv[i + 1]!.startsWith("--")) throw new UsageError("option --id needs at least one letter id");
      while (argv[i + 1] && !argv[i + 1]!.startsWith("--")) args.ids.push(argv[++i]!);
    } else throw new UsageError(arg.startsWith("-") ? `unknown option ${arg}` : `unexpected argument ${arg}`);
  }
  if (!args.list && !args.all && args.ids.length === 0 && !args.parked) throw new UsageError("say what to do: --list, --all, --id or --parked");
  if (args.parked && args.fromLog) throw new UsageError("--parked replays the parked letters of the Redis stream; a log holds none");
  // `--parked` alone replays every parked letter.
  if (args.parked && !args.list && args.ids.length === 0) args.all = true;
  return args;
}

// Redis outages and refusals matter to the operator; routine info lines would drown the report, and
// replay says itself what an unset DEAD_LETTER_KEY means for it.
const log: Logger = (level, message, fields) => {
  if (level !== "info" && message !== "dead letters unprotected") process.stderr.write(`${JSON.stringify({ level, msg: message, ...fields })}\n`);
};

const MAC_STATE = { verified: "mac=ok", unsealed: "mac=none", mismatch: "mac=FAILS" } as const;

/** A letter keeps what a caller sent: printed as text, never as terminal sequences. */
function describe(stored: StoredLetter, keys: readonly Buffer[], scheduled: boolean): string {
  const { id, letter } = stored;
  const event = letter.event ? ` ${letter.event.id}` : "";
  const last = letter.history?.at(-1);
  const latest = last ? `  last: ${last.reason}: ${last.message}` : "";
  const mac = keys.length === 0 && letter.mac !== undefined ? "mac=unchecked" : MAC_STATE[checkLetter(letter, keys)];
  const due = scheduled || stored.parked ? `  ${dueState(stored)}` : "";
  const what = `${letter.kind}/${letter.reason}  ${letter.platform} ${letter.callback ?? "?"}${event}`;
  return terminalSafe(`${id}  ${letter.at}  ${what}  attempts=${letter.attempts}${due}  ${mac}  ${letter.message}${latest}`);
}

/** When the redrive takes a letter next, as its due set says. */
function dueState({ letter, dueAt, parked }: StoredLetter): string {
  if (parked) return "parked";
  if (dueAt === undefined) return "due at the next redrive run";
  const fn = functionForLetter(letter, FUNCTION_SPECS);
  if (fn && waitsForSchemas(letter, schemaFingerprint(FUNCTION_SPECS[fn]!))) return `waits for new schemas (parked ${new Date(dueAt).toISOString()})`;
  return dueAt <= Date.now() ? "due now" : `due ${new Date(dueAt).toISOString()}`;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args === "help") {
    console.log(USAGE);
    return 0;
  }
  const settings = resolveSettings();
  const env: Record<string, string | undefined> = { ...settings.env };
  // The development key is public: beside real platform secrets it would let anyone seal a letter.
  const publicKey = settings.source.DEAD_LETTER_KEY === "default" && PLATFORM_SECRETS.some((name) => settings.source[name] && settings.source[name] !== "default");
  if (publicKey) env.DEAD_LETTER_KEY = undefined;
  const delivery = deliveryFromEnv(env, log);
  try {
    let source: LetterSource;
    let parked: LetterSource | undefined;
    let schedule: RedriveSettings | undefined;
    if (args.fromLog) {
      source = logLetters(args.fromLog);
    } else if (delivery.redis && delivery.settings.redis) {
      const stream = new DeadLetterStream(await delivery.redis.client(), delivery.settings.redis.deadLetterStream, HOLD_MS);
      parked = stream.parkedSource();
      // A letter replayed here is settled as the redrive settles it: due again after the backoff, or parked.
      source = args.parked ? parked : stream.source();
      schedule = args.parked ? undefined : loadRedriveSettings(env, delivery.settings.completedTtlMs);
    } else {
      throw new Error("REDIS_URL is not set: dead letters are in the functions' log; pass --from-log <file> with those log lines");
    }
    if (!delivery.redis) console.log("note: without REDIS_URL, replay cannot see what the functions delivered since, nor remove letters from a log");
    const defaults = SECRETS.filter((name) => settings.source[name] === "default" && !(publicKey && name === "DEAD_LETTER_KEY"));
    if (defaults.length) console.log(`note: using the development defaults for ${defaults.join(", ")}; set the functions' own in the environment or .env`);
    if (publicKey) console.log("note: the development DEAD_LETTER_KEY is not used beside real platform secrets; set the functions' own");

    const { letters, unreadable } = await source.list();
    if (unreadable) console.log(`note: ${unreadable} line(s) mention a dead letter but could not be read (cut short by a log service, or not JSON)`);
    const keys = delivery.settings.deadLetterKeys;
    if (args.list) {
      console.log(`${letters.length} dead letter(s) in ${source.name}`);
      for (const letter of letters) console.log(describe(letter, keys, schedule !== undefined));
      if (parked && parked !== source) {
        const listing = await parked.list();
        console.log(`${listing.letters.length} parked in ${parked.name} (npm run replay -- --parked replays them)`);
        for (const letter of listing.letters) console.log(describe(letter, keys, false));
      }
      if (!args.all && args.ids.length === 0) return 0;
    }
    const chosen = args.all ? letters : letters.filter((l) => args.ids.includes(l.id));
    const missing = args.ids.filter((id) => !letters.some((l) => l.id === id));
    for (const id of missing) console.log(terminalSafe(`${id}  not found in ${source.name}`));

    const { functionName, force, insecure } = args;
    const results = await replay(chosen, { env, log, delivery, source, schedule, functionName, force, insecure });
    for (const r of results) {
      const kept = r.keptAs && r.keptAs !== r.id ? `  (${r.status === "parked" ? "parked" : "kept"} as ${r.keptAs})` : "";
      console.log(terminalSafe(`${r.id}  ${r.status}  ${r.detail}${kept}`));
    }
    const count = (status: string) => results.filter((r) => r.status === status).length;
    console.log(
      `replayed ${results.length}: delivered ${count("delivered")}, already delivered ${count("already delivered")}, ` +
        `in progress ${count("in progress")}, failed ${count("failed")}, skipped ${count("skipped")}, refused ${count("refused")}, ` +
        `parked ${count("parked")}`,
    );
    return missing.length > 0 || results.some((r) => r.status !== "delivered" && r.status !== "already delivered") ? 1 : 0;
  } finally {
    await delivery.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    if (usageFailure(error, "npm run replay", USAGE) === undefined) console.error(terminalSafeLines(`replay: ${error.message}`));
    process.exit(2);
  },
);
