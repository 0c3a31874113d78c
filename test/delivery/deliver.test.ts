import { describe, expect, it } from "vitest";
import type { CallbackEvent } from "../../shared/core/event";
import { deliver, DeliveryError, type Target } from "../../shared/delivery/deliver";
import { handlerTarget } from "../../shared/delivery/handler-target";

const event: CallbackEvent = { id: "e1", platform: "sud", callback: "sud.mg.merchant.x", known: true, eventTime: 1, receivedAt: 1, data: {}, raw: {} };

describe("deliver", () => {
  it("skips a target that does not want the event, and the handler target wants only events it has a handler for", async () => {
    let called = false;
    const idle: Target = { name: "idle", wants: () => false, send: async () => void (called = true) };
    await deliver(event, [idle, handlerTarget({})], 100);
    expect(called).toBe(false);
    expect(handlerTarget({}).wants?.(event)).toBe(false);
    expect(handlerTarget({ "sud.mg.merchant.x": () => undefined }).wants?.(event)).toBe(true);
    expect(handlerTarget({ unknown: () => undefined }).wants?.({ ...event, known: false })).toBe(true);
  });

  it("resolves with the names of the targets that have the event, none when no target wants it", async () => {
    const quick: Target = { name: "quick", send: async () => undefined };
    const idle: Target = { name: "idle", wants: () => false, send: async () => undefined };
    expect(await deliver(event, [quick, idle, { ...quick, name: "stream" }], 100)).toEqual(["quick", "stream"]);
    expect(await deliver(event, [idle, handlerTarget({})], 100)).toEqual([]);
  });

  it("leaves the signal alone after a successful delivery, and aborts it at the deadline", async () => {
    const signals: AbortSignal[] = [];
    const quick: Target = { name: "quick", send: async (_e, signal) => void signals.push(signal) };
    await deliver(event, [quick], 100);
    expect(signals[0]!.aborted).toBe(false);

    const slow: Target = { name: "slow", send: (_e, signal) => new Promise((resolve) => signal.addEventListener("abort", () => setTimeout(resolve, 10))) };
    const failure = await Promise.resolve(deliver(event, [slow], 30)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect((failure as DeliveryError).timedOut).toBe(true);
    expect((failure as DeliveryError).message).toBe("slow: not finished within 30 ms");
  });

  it("waits for every target to settle and names each that failed, hiding what a private target said", async () => {
    let slowDone = false;
    const failing: Target = { name: "forward", send: async () => Promise.reject(new Error("FORWARD_URL answered HTTP 500")) };
    const secretive: Target = { name: "handler", privateErrors: true, send: async () => Promise.reject(new Error("password=hunter2")) };
    const slow: Target = { name: "stream", send: () => new Promise((resolve) => setTimeout(() => resolve(void (slowDone = true)), 40)) };
    const failure = (await Promise.resolve(deliver(event, [failing, secretive, slow], 1000)).catch((error: unknown) => error)) as DeliveryError;
    expect(slowDone).toBe(true);
    expect(failure.timedOut).toBe(false);
    expect(failure.message).toBe("forward: FORWARD_URL answered HTTP 500; handler: password=hunter2");
    expect(failure.publicMessage).toBe("forward: FORWARD_URL answered HTTP 500; handler: failed (its error is in the function's log)");
  });
});
