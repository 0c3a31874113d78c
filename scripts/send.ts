/**
 * npm run send -- <callback> [--url URL] [--set field=value ...] [--unset field ...] [--body-file FILE] [--bad-signature] [--to FUNCTION] [--aws]
 * Builds a realistic callback, signs it as its platform does, sends it (to the emulator unless --url
 * names a deployed endpoint) and prints the answer. Exit 0 only when the answer is an acceptance.
 */
import { readFileSync } from "node:fs";
import { portNumber, readCommandLine, UsageError, usageFailure } from "./cli/command-line";
import { isDevDefault, resolveSettings } from "./dev-credentials";
import { terminalSafe, terminalSafeLines } from "./emulator/terminal-safe";
import { buildCallback } from "./send/build";
import { CATALOGUE } from "./send/catalogue";
import { PLATFORM_TOOLING } from "../shared/platforms/tooling";
import { deliverCallback, withQuery } from "./send/deliver";
import { findEmulator } from "./emulator/state-file";
import { destinationOf } from "./send/target";

const USAGE = `usage: npm run send -- <callback> [options]

  <callback>          a short name from --list (tencent-live-battle-end) or the platform's own name
                      (Live.CallbackAfterEndBattle, sud.mg.merchant.order.changed); SUD's app-server
                      interfaces as sud-get-sstoken ... sud-update-score, or get_sstoken ... update_score

options:
  --url URL           send to this endpoint (a deployed trigger URL) instead of the local emulator
  --port N            the emulator's port (default: the one npm start wrote to .emulator/state.json, else 9000)
  --to FUNCTION       send to another function's emulator route (e.g. tencent-live for any Tencent command)
  --aws               use the emulator's AWS HTTP API route instead of the FC HTTP trigger
  --set field=value   edit the callback before signing: a body path (ToRoomList.0.Score, data.room_id),
                      query.NAME or header.NAME; repeatable
  --unset field       remove a field before signing (same paths as --set); repeatable
  --body-file FILE    send this file's exact bytes as the body, signed as they are (a payload from production)
  --bad-signature     sign with a wrong secret (the function must refuse it)
  --dry-run           print the signed request, do not send it
  --verbose           also print the request body and the answer's headers
  --list              list the callbacks
  --help              this text`;

function main(): number | Promise<number> {
  const { values, positionals } = readCommandLine(
    process.argv.slice(2),
    {
      url: { type: "string" },
      port: { type: "string" },
      to: { type: "string" },
      aws: { type: "boolean", default: false },
      set: { type: "string", multiple: true, default: [] },
      unset: { type: "string", multiple: true, default: [] },
      "body-file": { type: "string" },
      "bad-signature": { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      list: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    true,
  );
  if (values.list || values.help) {
    console.log(`${values.list ? "" : `${USAGE}\n\n`}${listing()}`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "name the callback to send (--list shows them)" : "one callback at a time");
  const settings = resolveSettings().env;
  const body = values["body-file"] === undefined ? undefined : readFileSync(values["body-file"], "utf8");
  const { template, request } = buildCallback(positionals[0]!, { settings, set: values.set, unset: values.unset, body, badSignature: values["bad-signature"] });
  const emulator = findEmulator({ port: values.port === undefined ? undefined : portNumber(values.port), env: process.env, cwd: process.cwd() });
  const url = destinationOf(template, { url: values.url, to: values.to, via: values.aws ? "aws" : "fc-http", base: emulator.base, root: process.cwd(), settings });

  const secret = PLATFORM_TOOLING.find((t) => t.platform.name === template.platform)!.secretSetting;
  if (values.url && isDevDefault(secret, settings[secret])) {
    console.log(`note: signing with the emulator's development ${secret}; set the deployed function's own (environment or .env)`);
  }
  console.log(`→ ${request.method} ${withQuery(url, request.query)}`);
  console.log(`  ${template.description}${request.unsignedBecause ? `  (unsigned: ${request.unsignedBecause})` : values["bad-signature"] ? "  (signed with a WRONG secret)" : ""}`);
  if (values.verbose || values["dry-run"]) {
    for (const [name, value] of Object.entries(request.headers)) console.log(`  ${terminalSafe(name)}: ${terminalSafe(value)}`);
    console.log(`  ${terminalSafe(request.body)}`);
  }
  if (values["dry-run"]) return 0;

  return deliverCallback(request, url).then(
    (delivery) => {
      // The answer is the endpoint's text: printed as text, never as terminal sequences.
      console.log(`← ${delivery.status}  ${terminalSafe(delivery.body)}`);
      if (values.verbose) for (const [name, value] of Object.entries(delivery.headers)) console.log(`  ${terminalSafe(name)}: ${terminalSafe(value)}`);
      if (delivery.verdict.answer !== undefined) console.log(`  answer: ${terminalSafe(delivery.verdict.answer)}`);
      console.log(delivery.verdict.accepted ? "✔ accepted" : `✘ ${delivery.verdict.kind}: ${terminalSafe(delivery.verdict.detail)}`);
      return delivery.verdict.accepted ? 0 : 1;
    },
    (error: Error) => {
      const cause = (error.cause as Error | undefined)?.message ?? error.message;
      console.error(`✘ could not reach ${terminalSafe(url)}: ${terminalSafe(cause)}${values.url ? "" : `\n  ${terminalSafe(emulator.hint)}`}`);
      return 2;
    },
  );
}

/** Every callback, grouped by platform: its short name, the platform's own name and what it says. */
function listing(): string {
  return PLATFORM_TOOLING.map((tooling) => {
    const own = CATALOGUE.filter((c) => c.platform === tooling.platform.name);
    const rows = own.map((c) => `  ${c.name.padEnd(42)} ${c.callback}\n  ${"".padEnd(42)} ${c.description}`);
    return `${tooling.platform.name} (${own.length}):\n${rows.join("\n")}`;
  }).join("\n\n");
}

Promise.resolve()
  .then(main)
  .then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      if (usageFailure(error, "npm run send", USAGE) === undefined) console.error(`✘ ${terminalSafeLines(error.message)}`);
      process.exitCode = 2;
    },
  );
