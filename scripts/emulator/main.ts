/**
 * npm start: builds (in package.json), then serves every function locally until Ctrl-C.
 *   PORT=9100 npm start        another port
 *   npm start -- --verbose     also show each function's own JSON log lines
 *   npm start -- --timer-every 10s   fire the timer triggers (the dead-letter redrive) this often
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { resolveSettings } from "../dev-credentials";
import { banner } from "./banner";
import { parseDuration } from "./fc/schedule";
import { startEmulator } from "./index";
import { terminalSafeLines } from "./terminal-safe";

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      verbose: { type: "boolean", default: false },
      stage: { type: "string", default: "dev" },
      "timer-every": { type: "string" },
    },
  });
  const timerEveryMs = values["timer-every"] === undefined ? undefined : parseDuration(values["timer-every"]);
  if (values["timer-every"] !== undefined && timerEveryMs === undefined) {
    throw new Error(`--timer-every takes an interval such as 10s or 1m, not ${values["timer-every"]}`);
  }
  const settings = resolveSettings();
  const port = Number(values.port ?? process.env.PORT ?? 9000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${values.port ?? process.env.PORT}`);

  const emulator = await startEmulator({
    port,
    env: settings.env,
    verbose: values.verbose,
    stage: values.stage,
    color: process.stdout.isTTY && !process.env.NO_COLOR,
    timerEveryMs,
  });
  console.log(banner(emulator, settings));
  const missing = [...emulator.fc, ...emulator.aws].filter((s) => !existsSync(s.file)).map((s) => s.key);
  if (missing.length) console.log(`warning: no bundle for ${[...new Set(missing)].join(", ")}: run npm run build\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping the emulator");
    void emulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: Error & { code?: string }) => {
  const message = error.code === "EADDRINUSE" ? `port in use: ${error.message}; set PORT to another port` : `emulator failed to start: ${error.stack ?? error.message}`;
  console.error(terminalSafeLines(message));
  process.exit(1);
});
