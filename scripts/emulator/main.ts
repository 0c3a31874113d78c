/**
 * npm start: builds every function under esbuild's watch, then serves them all locally, with the
 * inspector page at /, until Ctrl-C. `npm start -- --help` for the options.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { readCommandLine, portNumber, UsageError, usageFailure, wholeNumber } from "../cli/command-line";
import { resolveSettings } from "../dev-credentials";
import { banner } from "./banner";
import { parseDuration } from "./fc/schedule";
import { startEmulator } from "./index";
import { buildLine, watchBundles, type Watch } from "./rebuild-on-change";
import { removeState, stateFile, writeState } from "./state-file";
import { terminalSafeLines } from "./terminal-safe";

const USAGE = `usage: npm start [-- options]

Serves every function of s.yaml and serverless.yml on 127.0.0.1, with the inspector page at its address,
and rebuilds the bundles when a source changes (the next request runs the new one).

options:
  --port N         listen on port N (default PORT, else 9000; 0 picks a free port)
  --host ADDRESS   listen on another address than 127.0.0.1: the page shows every request and sends signed ones
  --no-watch       serve dist/ as it is, without building or watching
  --history N      requests the inspector page keeps, the oldest dropped (default EMULATOR_HISTORY, else 2000)
  --verbose        also show each function's own JSON log lines
  --stage NAME     the Serverless Framework stage that names the Lambda functions (default dev)
  --timer-every T  fire the timer triggers (the dead-letter redrive) this often, e.g. 10s or 1m, not on their schedule
  --help           this text`;

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  "no-watch": { type: "boolean", default: false },
  history: { type: "string" },
  verbose: { type: "boolean", default: false },
  stage: { type: "string", default: "dev" },
  "timer-every": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

async function main(): Promise<number | undefined> {
  const { values } = readCommandLine(process.argv.slice(2), OPTIONS);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = values.port !== undefined ? portNumber(values.port) : process.env.PORT ? portNumber(process.env.PORT, "PORT") : 9000;
  const historyLimit = values.history !== undefined ? wholeNumber(values.history, "--history") : undefined;
  const timerEveryMs = values["timer-every"] === undefined ? undefined : parseDuration(values["timer-every"]);
  if (values["timer-every"] !== undefined && timerEveryMs === undefined) {
    throw new UsageError(`--timer-every takes an interval such as 10s or 1m, not ${values["timer-every"]}`);
  }
  const settings = resolveSettings();
  const state = stateFile(process.env, process.cwd());

  let watch: Watch | undefined;
  const builds: Parameters<typeof watchBundles>[0][] = [];
  if (!values["no-watch"]) {
    watch = await watchBundles((build) => {
      console.log(terminalSafeLines(buildLine(build)));
      for (const listener of builds) listener(build);
    });
    await watch.first;
  }

  const emulator = await startEmulator({
    port,
    host: values.host,
    env: settings.env,
    verbose: values.verbose,
    stage: values.stage,
    historyLimit,
    // Kept beside the state file, so `npm run replay -- --from-log .emulator/dead-letters.log` reads them too.
    letterLog: join(dirname(state), "dead-letters.log"),
    color: process.stdout.isTTY && !process.env.NO_COLOR,
    timerEveryMs,
  });
  // The first build finished before the emulator started: it is told of it now, then of each rebuild.
  if (watch) emulator.noteBuild(await watch.first);
  builds.push((build) => emulator.noteBuild(build));
  writeState(state, { url: emulator.url, pid: process.pid });

  console.log(`Inspector: ${emulator.url}/  (open it in a browser: every callback as it arrives)`);
  console.log(banner(emulator, settings));
  if (values.host && values.host !== "127.0.0.1" && values.host !== "localhost") {
    console.log(`warning: listening on ${values.host}: whoever reaches it sees every request on the inspector page and can send signed callbacks\n`);
  }
  const missing = [...emulator.fc, ...emulator.aws].filter((s) => !existsSync(s.file)).map((s) => s.key);
  if (missing.length) console.log(`warning: no bundle for ${[...new Set(missing)].join(", ")}: run npm run build\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping the emulator");
    removeState(state, process.pid);
    void Promise.all([emulator.close(), watch?.stop()]).then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return undefined;
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: Error & { code?: string }) => {
    const usage = usageFailure(error, "npm start", USAGE);
    if (usage !== undefined) return void (process.exitCode = usage);
    const message = error.code === "EADDRINUSE" ? `port in use: ${error.message}; choose another with --port N (0 for any free one)` : `emulator failed to start: ${error.message}`;
    console.error(terminalSafeLines(message));
    process.exit(1);
  },
);
