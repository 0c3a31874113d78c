import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../shared/core/log";
import type { DeadLetter } from "../../shared/delivery/dead-letter/record";
import { deliveryFromEnv } from "../../shared/delivery/from-env";
import { MemoryNonceStore } from "../../shared/delivery/nonce/memory";
import { createProcessor } from "../../shared/function";
import { logLetters } from "../../scripts/replay/letters";
import { replay } from "../../scripts/replay/replay";
import { invocation, toInbound } from "../helpers/events";
import { fixtureText } from "../helpers/fixtures";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { sudCall, sudEnvelope, TOP_SECRET, topCall } from "../helpers/requests";
import { captureLog } from "../redis/helpers/capture";
import { tempDir } from "../helpers/temp";

const failing = { name: "backend", send: async () => Promise.reject(new Error("backend down")) };
const HOUR = 3600_000;

/** Dead letters written to the log by a function whose target failed, as a log file to replay from. */
async function letterLog(receivedAt: number, requests: Parameters<ReturnType<typeof createProcessor>>[0][]): Promise<string> {
  const logs = captureLog();
  const now = () => receivedAt;
  const processor = createProcessor(FUNCTION_SPECS["yuanjing-session-lifecycle"], { env: ENV.yuanjing, log: logs.log, now, targets: [failing] });
  for (const req of requests) expect((await processor(req)).status).toBe(503);
  const file = join(tempDir("letters-"), "function.log");
  writeFileSync(file, `${logs.lines.map((l) => JSON.stringify({ level: l.level, msg: l.message, ...l.fields })).join("\n")}\nnot json\n`);
  return file;
}

describe("replay from the log (no Redis): the stored request, re-verified as at receipt", () => {
  it("replays a direct invocation and a TOP-signed HTTP call received two hours ago", async () => {
    const receivedAt = Date.now() - 2 * HOUR;
    const body = fixtureText("yuanjing", "session-lifecycle");
    const file = await letterLog(receivedAt, [invocation(body, receivedAt), toInbound(topCall({ body, secret: TOP_SECRET, at: receivedAt }), receivedAt)]);

    const source = logLetters(file);
    const { letters } = await source.list();
    expect(letters.map((l) => [l.id, l.letter.request.transport])).toEqual([
      ["log:1", "invoke"],
      ["log:3", "http"],
    ]);
    const delivered: string[] = [];
    const delivery = { ...deliveryFromEnv(ENV.yuanjing, silentLogger), targets: [{ name: "app", send: async (e: { id: string }) => void delivered.push(e.id) }] };
    const results = await replay(letters, { env: ENV.yuanjing, log: silentLogger, delivery, source });
    // The TOP timestamp is two hours old, beyond the 15-minute window: it verifies at its receipt time.
    // Both carry the same event: the second is acknowledged as already delivered.
    expect(results.map((r) => r.status)).toEqual(["delivered", "already delivered"]);
    expect(delivered).toHaveLength(1);
  });

  it("replays a SUD letter received 30 h ago, beyond today's 24 h window, through the nonce memory it was first seen in", async () => {
    const receivedAt = Date.now() - 30 * HOUR;
    const logs = captureLog();
    const nonces = new MemoryNonceStore();
    const down = createProcessor(FUNCTION_SPECS["sud-notify"], { env: ENV.sud, log: logs.log, now: () => receivedAt, targets: [failing], nonces });
    const call = sudCall({ body: sudEnvelope("sud.mg.merchant.any", { n: 1 }, "sud-late-1"), now: receivedAt });
    expect((await down(toInbound(call, receivedAt))).status).toBe(503);
    // Sent again now, the same bytes are out of the window.
    const now = createProcessor(FUNCTION_SPECS["sud-notify"], { env: ENV.sud, log: silentLogger, nonces });
    const fresh = await now(toInbound(call, Date.now()));
    expect(JSON.parse(fresh.body).ret_msg).toMatch(/^timestamp_expired: Sud-Timestamp is 108\d{3} s old/);

    const file = join(tempDir("letters-"), "function.log");
    writeFileSync(file, logs.lines.map((l) => JSON.stringify({ level: l.level, msg: l.message, ...l.fields })).join("\n"));
    const source = logLetters(file);
    const delivered: string[] = [];
    const delivery = { ...deliveryFromEnv(ENV.sud, silentLogger), nonces, targets: [{ name: "app", send: async (e: { id: string }) => void delivered.push(e.id) }] };
    const results = await replay((await source.list()).letters, { env: ENV.sud, log: silentLogger, delivery, source });
    expect(results.map((r) => r.status)).toEqual(["delivered"]);
    expect(delivered).toEqual(["sud-late-1"]);
  });

  it("a letter whose stored request was altered does not verify, and is kept", async () => {
    const receivedAt = Date.now();
    const body = fixtureText("yuanjing", "session-lifecycle");
    const file = await letterLog(receivedAt, [toInbound(topCall({ body, secret: TOP_SECRET, at: receivedAt }), receivedAt)]);
    const [stored] = (await logLetters(file).list()).letters;
    const letter: DeadLetter = stored!.letter;
    const altered = Buffer.from(letter.request.body, "base64").toString().replace('"accountId"', '"someone-else"');
    const tampered = { ...stored!, letter: { ...letter, request: { ...letter.request, body: Buffer.from(altered).toString("base64") } } };

    const results = await replay([tampered], { env: ENV.yuanjing, log: silentLogger, delivery: deliveryFromEnv(ENV.yuanjing, silentLogger), source: logLetters(file) });
    // Its MAC fails before its TOP sign is even checked: nothing is run, the letter is left as it is.
    expect(results[0]).toMatchObject({ status: "refused", detail: expect.stringMatching(/MAC does not verify/) });
    // Without its MAC and replayed unchecked, the TOP sign still catches it.
    const stripped = { ...tampered, letter: { ...tampered.letter, mac: undefined } };
    const unchecked = await replay([stripped], {
      env: ENV.yuanjing,
      log: silentLogger,
      delivery: deliveryFromEnv(ENV.yuanjing, silentLogger),
      source: logLetters(file),
      insecure: true,
    });
    expect(unchecked[0]).toMatchObject({ status: "failed", detail: expect.stringMatching(/^signature_invalid: /) });
  });

  it("skips a letter older than the dedupe memory unless forced", async () => {
    const old = { id: "log:1", letter: { request: { receivedAt: Date.now() - 49 * HOUR } } as DeadLetter };
    const [result] = await replay([old], {
      env: ENV.yuanjing,
      log: silentLogger,
      delivery: deliveryFromEnv(ENV.yuanjing, silentLogger),
      source: logLetters("/dev/null"),
      insecure: true,
    });
    expect(result).toMatchObject({ status: "skipped", detail: expect.stringContaining("--force") });
  });
});
