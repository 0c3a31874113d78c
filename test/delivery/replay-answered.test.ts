// A dead letter of an answered callback (a target failed after the answer was given) is replayed as
// what it is: the event delivered to the targets with the answer the platform got, the answering
// handler never asked again, nothing the platform saw changed (update_score's record stays as it was).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CallbackEvent } from "../../shared/core/event";
import { silentLogger } from "../../shared/core/log";
import { MemoryDedupeStore } from "../../shared/delivery/dedupe/memory";
import type { Target } from "../../shared/delivery/deliver";
import { deliveryFromEnv } from "../../shared/delivery/from-env";
import { MemoryNonceStore } from "../../shared/delivery/nonce/memory";
import { createProcessor } from "../../shared/function";
import { logLetters } from "../../scripts/replay/letters";
import { replay } from "../../scripts/replay/replay";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS, type FunctionName } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { sudCall, TENCENT_TOKEN, tencentCall } from "../helpers/requests";
import { captureLog } from "../redis/helpers/capture";
import { tempDir } from "../helpers/temp";

const GIFT = "Live.CallbackBeforeSendGift";
const failing: Target = { name: "backend", send: async () => Promise.reject(new Error("backend down")) };

/** A handler that counts its calls. */
function counted<T>(answer: T) {
  const handler = Object.assign(() => (handler.calls++, answer), { calls: 0 });
  return handler;
}

interface Case {
  readonly fn: FunctionName;
  readonly env: Record<string, string>;
  readonly callback: string;
  readonly answer: unknown;
  readonly request: (now: number) => ReturnType<typeof toInbound>;
}

const CASES: Case[] = [
  {
    fn: "tencent-live",
    env: ENV.tencent,
    callback: GIFT,
    answer: { decision: "deny", code: 102101, message: "insufficient balance" },
    request: (now) =>
      toInbound(
        tencentCall({
          command: GIFT,
          token: TENCENT_TOKEN,
          now,
          body: { CallbackCommand: GIFT, RoomId: "room-1", GiftWater: { From_Account: "a", To_Account: ["b"], Time: Math.floor(now / 1000), GiftId: "g", Count: 1, Coins: 5 } },
        }),
        now,
      ),
  },
  {
    fn: "sud-app-server",
    env: ENV.sud,
    callback: "update_score",
    answer: { data: { score: 90 } },
    request: (now) => toInbound(sudCall({ now, path: "/sud/update_score", body: JSON.stringify({ order_id: "o-replay-1", uid: "u1", score: 10, type: 1 }) }), now),
  },
  {
    fn: "sud-get-user-info",
    env: ENV.sud,
    callback: "get_user_info",
    answer: { data: { uid: "u1", nick_name: "n", avatar_url: "https://a.png", gender: "" } },
    request: (now) => toInbound(sudCall({ now, path: "/", body: JSON.stringify({ ss_token: "tok-replay" }) }), now),
  },
];

describe("replaying the dead letter of an answered callback", () => {
  for (const c of CASES) {
    it(`${c.callback}: delivers the event with the answer given, the handler's calls unchanged, the platform's answer unchanged`, async () => {
      const receivedAt = Date.now() - 60_000;
      const handler = counted(c.answer);
      const spec = { ...FUNCTION_SPECS[c.fn], handlers: { [c.callback]: handler } } as never;
      const logs = captureLog();
      const dedupe = new MemoryDedupeStore();
      const nonces = new MemoryNonceStore();
      const processor = createProcessor(spec, { env: c.env, log: logs.log, now: () => receivedAt, targets: [failing], dedupe, nonces });
      const req = c.request(receivedAt);
      const first = await processor(req);
      expect(first.status).toBe(200);
      expect(handler.calls).toBe(1);
      const letterLine = logs.lines.find((l) => l.message === "callback not delivered");
      expect(letterLine, "the failed target left a dead letter").toBeDefined();

      const file = join(tempDir("answered-letters-"), "function.log");
      writeFileSync(file, logs.lines.map((l) => JSON.stringify({ level: l.level, msg: l.message, ...l.fields })).join("\n"));
      const source = logLetters(file);
      const { letters } = await source.list();
      expect(letters).toHaveLength(1);
      const given = letters[0]!.letter.event!.answer;
      expect(given).toMatchObject({ source: "handler" });

      const delivered: CallbackEvent[] = [];
      const delivery = { ...deliveryFromEnv(c.env, silentLogger), dedupe, nonces, targets: [{ name: "app", send: async (e: CallbackEvent) => void delivered.push(e) }] };
      const results = await replay(letters, { env: c.env, log: silentLogger, delivery, source, specs: { [c.fn]: spec } });
      expect(results.map((r) => r.status)).toEqual(["delivered"]);
      expect(results[0]!.detail).not.toMatch(/unverified/);
      expect(handler.calls).toBe(1);
      expect(delivered).toHaveLength(1);
      expect(delivered[0]!.callback).toBe(c.callback);
      expect(delivered[0]!.answer).toEqual(given);
      expect(delivered[0]!.id).toBe(letters[0]!.letter.event!.id);

      // What the platform sees is as it was: the same request now is a duplicate for the targets, and an
      // idempotent interface answers its retry from its record, byte for byte, the handler not asked.
      if (c.callback === "update_score") {
        const retry = await processor(c.request(receivedAt));
        expect(retry).toEqual(first);
        expect(handler.calls).toBe(1);
      }
    });
  }

  it("refuses, as quarantined, a letter of an answering callback that was never answered (kept before its answer), asking no handler", async () => {
    const receivedAt = Date.now() - 60_000;
    const handler = counted({ decision: "allow" });
    const spec = { ...FUNCTION_SPECS["tencent-live"], handlers: { [GIFT]: handler } } as never;
    const logs = captureLog();
    // The dedupe store is down for the answer's hand-off: the letter then holds the answered event; drop its answer, as a
    // letter kept before answering would be, and seal nothing (an unsealed letter needs --insecure).
    const processor = createProcessor(spec, { env: { ...ENV.tencent, DEAD_LETTER_KEY: "" }, log: logs.log, now: () => receivedAt, targets: [failing] });
    await processor(CASES[0]!.request(receivedAt));
    const file = join(tempDir("answered-letters-"), "function.log");
    const lines = logs.lines.map((l) => {
      const fields = { ...l.fields } as Record<string, any>;
      if (fields.deadLetter?.event) fields.deadLetter = { ...fields.deadLetter, event: undefined };
      return JSON.stringify({ level: l.level, msg: l.message, ...fields });
    });
    writeFileSync(file, lines.join("\n"));
    const source = logLetters(file);
    const { letters } = await source.list();
    expect(letters).toHaveLength(1);
    expect(letters[0]!.letter.event).toBeUndefined();
    const env = { ...ENV.tencent, DEAD_LETTER_KEY: "" };
    const delivered: CallbackEvent[] = [];
    const delivery = { ...deliveryFromEnv(env, silentLogger), targets: [{ name: "app", send: async (e: CallbackEvent) => void delivered.push(e) }] };
    const results = await replay(letters, { env, log: silentLogger, delivery, source, insecure: true, specs: { "tencent-live": spec } });
    expect(results.map((r) => r.status)).not.toContain("delivered");
    expect(results[0]!.detail).toMatch(/never answered/);
    expect(handler.calls).toBe(1);
    expect(delivered).toEqual([]);
  });

  it("delivers an unsealed letter's kept answer (--insecure) as kept, and says it is unverified", async () => {
    const receivedAt = Date.now() - 60_000;
    const handler = counted({ decision: "deny", code: 102101, message: "insufficient balance" });
    const spec = { ...FUNCTION_SPECS["tencent-live"], handlers: { [GIFT]: handler } } as never;
    const env = { ...ENV.tencent, DEAD_LETTER_KEY: "" };
    const logs = captureLog();
    const processor = createProcessor(spec, { env, log: logs.log, now: () => receivedAt, targets: [failing] });
    await processor(CASES[0]!.request(receivedAt));
    const file = join(tempDir("answered-letters-"), "function.log");
    writeFileSync(file, logs.lines.map((l) => JSON.stringify({ level: l.level, msg: l.message, ...l.fields })).join("\n"));
    const source = logLetters(file);
    const { letters } = await source.list();
    expect(letters[0]!.letter.mac).toBeUndefined();
    expect(letters[0]!.letter.event!.answer).toMatchObject({ source: "handler" });

    const delivered: CallbackEvent[] = [];
    const delivery = { ...deliveryFromEnv(env, silentLogger), targets: [{ name: "app", send: async (e: CallbackEvent) => void delivered.push(e) }] };
    const replayLogs = captureLog();
    const results = await replay(letters, { env, log: replayLogs.log, delivery, source, insecure: true, specs: { "tencent-live": spec } });
    expect(results.map((r) => r.status)).toEqual(["delivered"]);
    expect(results[0]!.detail).toMatch(/with the answer the letter keeps, unverified \(the letter has no MAC\)$/);
    expect(replayLogs.lines.find((l) => l.message === "replayed an unverified answer")).toMatchObject({ level: "warn", fields: { callback: GIFT } });
    expect(delivered.map((e) => e.answer)).toEqual([letters[0]!.letter.event!.answer]);
    expect(handler.calls).toBe(1);
  });
});
