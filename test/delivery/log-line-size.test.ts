/**
 * The accepted log line is the default delivery, so it must stay a log line: string values longer
 * than 4 KB (SUD's base64 `player.draw.image`) are cut there, with a marker saying how long they
 * were, while every target gets the full event and a dead letter in the log keeps every byte.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallbackEvent } from "../../shared/core/event";
import { MemoryDedupeStore } from "../../shared/delivery/dedupe/memory";
import { createProcessor } from "../../shared/function";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { type CapturedLog, captureJsonLog } from "../helpers/log-capture";
import { sudCall } from "../helpers/requests";
import { type Backend, FORWARD_SECRET, startBackend } from "../redis/helpers/backend";

const LIMIT = 4096;

describe("long strings are cut in the log line, never for targets", () => {
  let backend: Backend;
  let log: CapturedLog;
  let serial = 0;
  beforeAll(async () => {
    backend = await startBackend();
    log = captureJsonLog();
  });
  afterAll(async () => {
    log.stop();
    await backend.close();
  });

  const processor = (handled: CallbackEvent[]) =>
    createProcessor(
      { ...FUNCTION_SPECS["sud-notify"], handlers: { unknown: (event: CallbackEvent) => void handled.push(event) } as never },
      { env: { ...ENV.sud, FORWARD_URL: backend.url, FORWARD_SECRET }, dedupe: new MemoryDedupeStore() },
    );
  const notify = (data: unknown) =>
    sudCall({ body: JSON.stringify({ notify_id: `img-${++serial}`, notify_time: "1647834452408", notify_event: "sud.mg.merchant.future.image", data }), now: Date.now() });
  const lineOf = (msg: string) => log.lines.map((line) => JSON.parse(line)).find((line) => line.msg === msg);

  /** What the log line must show for a value: itself up to the limit, else its start and its length. */
  function expectShown(shown: unknown, value: string) {
    if (value.length <= LIMIT) return expect(shown).toBe(value);
    expect(typeof shown).toBe("string");
    expect((shown as string).length).toBeLessThan(200);
    expect(shown as string).toContain(value.slice(0, 32));
    expect(shown as string).toContain(`${value.length} chars`);
  }

  it("a 5 MB image: the accepted line is a few hundred bytes, the backend and the handler get every byte", async () => {
    log.lines.length = 0;
    const handled: CallbackEvent[] = [];
    const image = `data:image/png;base64,${"iVBORw0KGgoAAAANSUhEUg".repeat(240_000)}`;
    const answer = await processor(handled)(toInbound(notify({ uid: "u1", image }), Date.now()));
    expect(answer.status).toBe(200);

    const accepted = log.lines.find((line) => line.includes('"callback accepted"'))!;
    expect(accepted.length).toBeLessThan(2048);
    // The line names every target that has the event, so a reader of the log (the emulator's page) can tell.
    expect(JSON.parse(accepted).targets).toEqual(["handler", "forward"]);
    expectShown(JSON.parse(accepted).event.data.image, image);
    expect((handled[0]!.data as { image: string }).image).toBe(image);
    expect(backend.received.at(-1)!.body.data.image).toBe(image);
  });

  it("any strings anywhere in the event: those up to 4 KB shown whole, longer ones cut with their length", async () => {
    const stringArb = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.integer({ min: 0, max: 3 * LIMIT }).map((n) => "x".repeat(n)),
      fc.constant("é".repeat(LIMIT + 1)),
    );
    const dataArb = fc.record({ uid: fc.constant("u1"), a: stringArb, nested: fc.record({ b: stringArb, list: fc.array(stringArb, { maxLength: 3 }) }) });
    await fc.assert(
      fc.asyncProperty(dataArb, async (data) => {
        log.lines.length = 0;
        const handled: CallbackEvent[] = [];
        const answer = await processor(handled)(toInbound(notify(data), Date.now()));
        expect(answer.status).toBe(200);
        const shown = lineOf("callback accepted").event.data;
        expectShown(shown.a, data.a);
        expectShown(shown.nested.b, data.nested.b);
        for (const [i, value] of data.nested.list.entries()) expectShown(shown.nested.list[i], value);
        expect(handled[0]!.data).toEqual(data);
        expect(backend.received.at(-1)!.body.data).toEqual(data);
      }),
      { numRuns: 60 },
    );
  });

  it("a dead letter written to the log keeps the whole body, however long", async () => {
    log.lines.length = 0;
    backend.behave(() => ({ status: 500 }));
    const image = "A".repeat(3 * 1024 * 1024);
    const call = notify({ uid: "u1", image });
    const answer = await processor([])(toInbound(call, Date.now()));
    backend.behave(() => ({ status: 204 }));
    expect(answer.status).toBe(503);
    expect(lineOf("dead letter").deadLetter.request.body).toBe(call.body.toString("base64"));
    expect(lineOf("dead letter").deadLetter.event.data.image).toBe(image);
  });
});
