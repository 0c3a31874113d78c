// update_score answered once per order_id, the same checks against each dedupe store (memory here,
// the real Redis in test/redis/update-score.test.ts): a retry gets the first answer byte for byte
// without the handler, a reuse of the order id gets 9001, a failed or late handler stores nothing.
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import type { DedupeStore } from "../../../shared/delivery/dedupe/store";
import { SUD_DUPLICATE_ORDER, SUD_INSUFFICIENT_BALANCE } from "../../../shared/platforms/sud/app-server";
import { toInbound } from "../../helpers/events";
import { bodyOf, harness } from "../../helpers/harness";
import { NOW_MS, sudCall } from "../../helpers/requests";
import { until } from "../../helpers/until";

export const order = (fields: Record<string, unknown> = {}) => ({
  order_id: `order-${randomBytes(6).toString("hex")}`,
  mg_id: "1461227817776713818",
  round_id: "ce56b6lzi1a7-cehorlmy01pq-cqkdd39jyrmz",
  uid: "u1",
  score: 10,
  type: 1,
  ...fields,
});
/** A fresh signature (a new nonce) each time, as SUD signs each retry. */
export const scoreCall = (body: object | string) => sudCall({ path: "/sud/update_score", body: typeof body === "string" ? body : JSON.stringify(body) });

/** A handler that counts its calls and answers with a balance that changes on each call. */
export function countingHandler() {
  let balance = 100;
  const handler = Object.assign(
    async (event: any) => {
      handler.calls++;
      balance -= event.data.score;
      return { data: { score: balance } };
    },
    { calls: 0 },
  );
  return handler;
}

export function updateScoreSuite(store: () => DedupeStore) {
  const withHandler = (handler: (event: any, signal: AbortSignal) => unknown) => harness("sud-app-server", { dedupe: store(), handlers: { update_score: handler } });

  it("answers with the balance, and a retry of the order (same content, any key order) with the same bytes, the handler not asked again", async () => {
    const handler = countingHandler();
    const h = withHandler(handler);
    const o = order();
    const first = await h.send(scoreCall(o));
    expect(first.status).toBe(200);
    expect(bodyOf(first)).toEqual({ ret_code: 0, ret_msg: "SUCCESS", sdk_error_code: 0, data: { score: 90 } });
    const reordered = Object.fromEntries(Object.entries(o).reverse());
    for (const retry of [o, reordered, { ...o, a_field_sud_added: 1 }]) {
      const again = await h.send(scoreCall(retry));
      expect(again).toEqual(first);
    }
    expect(handler.calls).toBe(1);
    // Each answered attempt is an event with the answer given; the retries are duplicates of the first for the targets.
    expect(h.delivered).toHaveLength(1);
    expect(h.delivered[0]).toMatchObject({
      callback: "update_score",
      id: `update_score:${o.order_id}`,
      data: { order_id: o.order_id },
      answer: { data: { data: { score: 90 } }, source: "handler" },
    });
  });

  it("answers a reuse of the order id with other content with SUD's duplicate-order code 9001, the handler not asked", async () => {
    const handler = countingHandler();
    const h = withHandler(handler);
    const o = order();
    await h.send(scoreCall(o));
    for (const changed of [
      { ...o, score: 11 },
      { ...o, uid: "u2" },
      { ...o, type: 2 },
    ]) {
      const reuse = await h.send(scoreCall(changed));
      expect(reuse.status).toBe(200);
      expect(bodyOf(reuse)).toEqual({ ret_code: SUD_DUPLICATE_ORDER, ret_msg: expect.stringContaining(o.order_id), sdk_error_code: SUD_DUPLICATE_ORDER, data: {} });
    }
    expect(handler.calls).toBe(1);
    // The reuses reach the backend too, each as its own event marked as a conflict.
    expect(h.delivered.map((e) => e.answer?.source)).toEqual(["handler", "conflict", "conflict", "conflict"]);
    expect(new Set(h.delivered.map((e) => e.id)).size).toBe(4);
    // The original order is still answered as it was.
    expect(bodyOf(await h.send(scoreCall(o)))).toMatchObject({ ret_code: 0, data: { score: 90 } });
  });

  it("stores a business error (9000, a short balance) as the answer: the retry gets it again", async () => {
    let calls = 0;
    const h = withHandler(() => (calls++, { error: { ret_code: SUD_INSUFFICIENT_BALANCE, ret_msg: "insufficient balance", sdk_error_code: SUD_INSUFFICIENT_BALANCE } }));
    const o = order();
    const first = await h.send(scoreCall(o));
    expect(bodyOf(first)).toEqual({ ret_code: 9000, ret_msg: "insufficient balance", sdk_error_code: 9000, data: {} });
    expect(await h.send(scoreCall(o))).toEqual(first);
    expect(calls).toBe(1);
  });

  it("stores nothing when the handler throws or answers off-shape: the next retry asks it again", async () => {
    for (const bad of [
      () => {
        throw new Error("db down");
      },
      () => ({ data: { score: "ninety" } }),
    ]) {
      const good = countingHandler();
      let failing = true;
      const h = withHandler((event) => (failing ? ((failing = false), bad()) : good(event)));
      const o = order();
      const failed = await h.send(scoreCall(o));
      expect(failed.status).toBe(200);
      expect(bodyOf(failed)).toMatchObject({ ret_code: 1, ret_msg: expect.stringMatching(/^the app server could not answer update_score \((failed|invalid)\)$/) });
      const retried = await h.send(scoreCall(o));
      expect(bodyOf(retried)).toMatchObject({ ret_code: 0, data: { score: 90 } });
      expect(good.calls).toBe(1);
      expect(await h.send(scoreCall(o))).toEqual(retried);
      expect(good.calls).toBe(1);
    }
  });

  it("says not implemented without a handler, and stores nothing", async () => {
    const h = harness("sud-app-server", { dedupe: store() });
    const o = order();
    for (let i = 0; i < 2; i++) {
      expect(bodyOf(await h.send(scoreCall(o)))).toMatchObject({ ret_code: 1, ret_msg: "not implemented: the app server has no handler for update_score" });
    }
  });

  it("asks for a retry (HTTP 503) while the first attempt runs, and answers that retry from the record once it has", async () => {
    let finish!: () => void;
    const running = new Promise<void>((resolve) => (finish = resolve));
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    let calls = 0;
    const h = withHandler(async () => {
      calls++;
      entered();
      await running;
      return { data: { score: 42 } };
    });
    const o = order();
    const first = h.send(scoreCall(o));
    await inHandler;
    const during = await h.send(scoreCall(o));
    expect(during.status).toBe(503);
    expect(bodyOf(during)).toMatchObject({ ret_code: 503, ret_msg: expect.stringContaining("in_progress") });
    finish();
    expect(bodyOf(await first)).toMatchObject({ ret_code: 0, data: { score: 42 } });
    expect(bodyOf(await h.send(scoreCall(o)))).toMatchObject({ ret_code: 0, data: { score: 42 } });
    expect(calls).toBe(1);
  });

  it("stores nothing when the handler is late; its claim holds until the late handler ends, then a retry asks again", async () => {
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    let calls = 0;
    const h = withHandler(async (_event, signal) => {
      calls++;
      if (calls === 1) {
        await held;
        // An app that honours the signal does not commit after its deadline.
        expect(signal.aborted).toBe(true);
        return { data: { score: 1 } };
      }
      return { data: { score: 80 } };
    });
    const o = order();
    // Received 2.45 s ago: the handler's 2.5 s (half of SUD's 5 s) are nearly gone.
    const late = await h.process(toInbound(scoreCall(o), NOW_MS - 2450));
    expect(bodyOf(late)).toMatchObject({ ret_code: 1, ret_msg: "the app server could not answer update_score (late)" });
    expect((await h.send(scoreCall(o))).status).toBe(503);
    finish();
    await until("the late handler's claim released", () => h.logs.some((l) => l.message === "idempotency claim given up: the next retry asks the handler"));
    expect(bodyOf(await h.send(scoreCall(o)))).toMatchObject({ ret_code: 0, data: { score: 80 } });
    expect(calls).toBe(2);
  });

  it("refuses an order off-shape as quarantined, never asking the handler", async () => {
    const handler = countingHandler();
    const h = withHandler(handler);
    for (const bad of [
      { ...order(), type: 3 },
      { ...order(), score: "10" },
      { ...order(), order_id: "" },
    ]) {
      expect(bodyOf(await h.send(scoreCall(bad)))).toMatchObject({ ret_code: 1, ret_msg: expect.stringMatching(/^quarantined: /) });
    }
    expect(handler.calls).toBe(0);
  });
}
