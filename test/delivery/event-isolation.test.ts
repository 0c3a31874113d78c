/**
 * Targets share one event, and none can change what the others receive: a handler that writes to
 * the event it is given (at once or after an await, anywhere in it, `id` included) fails visibly,
 * and the backend, a later target and the dead letter still see the event as it was validated,
 * under the key dedupe claimed.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallbackEvent } from "../../shared/core/event";
import type { Target } from "../../shared/delivery/deliver";
import { MemoryDedupeStore } from "../../shared/delivery/dedupe/memory";
import { toJson } from "../../shared/delivery/wire";
import { createProcessor } from "../../shared/function";
import { toInbound } from "../helpers/events";
import { fixtureText } from "../helpers/fixtures";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV, type LogLine } from "../helpers/harness";
import { sudCall, TENCENT_TOKEN, tencentCall } from "../helpers/requests";
import { type Backend, FORWARD_SECRET, startBackend } from "../redis/helpers/backend";

type Mutation = { path: number[]; how: "set" | "delete" | "push" | "define"; later: boolean };

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  path: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  how: fc.constantFrom("set" as const, "delete" as const, "push" as const, "define" as const),
  later: fc.boolean(),
});

/** Follows `path` (each step picks one of the node's keys) and changes what it lands on. */
function mutate(event: any, m: Mutation): void {
  let parent: any = event;
  let key: string = Object.keys(event)[m.path[0]! % Object.keys(event).length]!;
  for (const step of m.path.slice(1)) {
    const child = parent[key];
    if (typeof child !== "object" || child === null || Object.keys(child).length === 0) break;
    parent = child;
    key = Object.keys(child)[step % Object.keys(child).length]!;
  }
  if (m.how === "set") parent[key] = "changed by a handler";
  else if (m.how === "delete") delete parent[key];
  else if (m.how === "define") Object.defineProperty(parent, key, { value: "changed by a handler" });
  else if (Array.isArray(parent[key])) parent[key].push("changed by a handler");
  else parent[`${key}-added`] = "changed by a handler";
}

describe("a handler cannot change what other targets receive", () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await startBackend();
  });
  afterAll(() => backend.close());

  const requests = {
    "tencent-live": () =>
      tencentCall({
        command: "Live.CallbackAfterEndBattle",
        body: fixtureText("tencent", "battle-end").replace("4siHsNsWN", `b${++serial}`),
        token: TENCENT_TOKEN,
        now: Date.now(),
      }),
    "sud-notify": () => sudCall({ body: fixtureText("sud", "player-status").replace("0795d77f85789da0eb387a5096", `n${++serial}`), now: Date.now() }),
  };
  let serial = 0;

  for (const fn of ["tencent-live", "sud-notify"] as const) {
    it(`${fn}: whatever the handler writes, the backend, a later target and the dead letter see the validated event`, async () => {
      await fc.assert(
        fc.asyncProperty(mutationArb, async (m) => {
          const call = requests[fn]();
          const receivedAt = Date.now();
          const run = async (handler?: (event: CallbackEvent) => unknown) => {
            const seen: string[] = [];
            const logs: LogLine[] = [];
            // A later target reads the event only after a turn of the event loop, as the stream target does.
            const later: Target = { name: "later", send: async (event) => void (await new Promise(setImmediate), seen.push(toJson(event))) };
            const callbacks = FUNCTION_SPECS[fn].callbacks.map((c) => c.name);
            const processor = createProcessor(
              { ...FUNCTION_SPECS[fn], handlers: handler ? (Object.fromEntries(callbacks.map((name) => [name, handler])) as never) : {} },
              {
                env: { ...(fn === "sud-notify" ? ENV.sud : ENV.tencent), FORWARD_URL: backend.url, FORWARD_SECRET },
                dedupe: new MemoryDedupeStore(),
                targets: [later],
                log: (level, message, fields) => void logs.push({ level, message, fields, text: "" }),
              },
            );
            const before = backend.received.length;
            const answer = await processor(toInbound(call, receivedAt));
            return { answer, seen, logs, forwarded: backend.received.slice(before) };
          };

          const reference = await run();
          expect(reference.answer.status).toBe(200);
          const attempt = await run(async (event) => {
            if (m.later) await null;
            mutate(event, m);
          });

          // The write failed in the handler, so the platform is told to retry, and the event is kept.
          expect(attempt.answer.status).toBe(503);
          const letter = attempt.logs.find((line) => line.message === "dead letter")?.fields?.deadLetter as { event: unknown; message: string };
          expect(letter.message).toMatch(/handler: .*(read.only|not extensible|Cannot (assign|delete|add|redefine))/i);
          expect(toJson(letter.event as object)).toBe(reference.seen[0]);
          // Every other target has the event exactly as validated, under the key dedupe claimed.
          expect(attempt.seen).toEqual(reference.seen);
          expect(attempt.forwarded.map((r) => [r.id, r.body])).toEqual(reference.forwarded.map((r) => [r.id, r.body]));
        }),
        { numRuns: 150 },
      );
    }, 120_000);
  }
});
