// Child process of bench/http.ts: the local emulator (scripts/emulator) serving the built bundles on
// loopback, with the benchmark's configuration. Its request log and the functions' own log lines are
// dropped: the figure is for serving callbacks, not for printing them.
import { startEmulator } from "../../scripts/emulator";
import { BENCH_ENV } from "../requests";

async function main() {
  const emulator = await startEmulator({
    port: 0,
    host: "127.0.0.1",
    env: { ...process.env, ...BENCH_ENV },
    log: () => {},
    functionOutput: () => {},
  });
  process.send!({ url: emulator.url });
  process.on("message", () => void emulator.close().then(() => process.exit(0)));
}

main().catch((error: Error) => {
  console.error(`emulator failed to start: ${error.stack ?? error.message}`);
  process.exit(1);
});
