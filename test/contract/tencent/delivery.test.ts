import { describe, expect, it } from "vitest";
import { toInbound } from "../../helpers/events";
import { fixtureText } from "../../helpers/fixtures";
import { bodyOf, eventsInErrorLogs, harness } from "../../helpers/harness";
import { TENCENT_TOKEN, tencentCall } from "../../helpers/requests";

const END = "Live.CallbackAfterEndBattle";
const call = () => tencentCall({ command: END, body: fixtureText("tencent", "battle-end"), token: TENCENT_TOKEN });

describe("Tencent delivery to the typed handler", () => {
  it("hands the typed handler the event, and answers OK once it has returned", async () => {
    const seen: unknown[] = [];
    const h = harness("tencent-live", { handlers: { [END]: (event) => void seen.push(event.data.endReason) } });
    expect((await h.send(call())).status).toBe(200);
    expect(seen).toEqual(["time_up"]);
  });

  it("acknowledges a duplicate (200 OK) and delivers it once", async () => {
    let calls = 0;
    const h = harness("tencent-live-battle-end", { handlers: { [END]: () => void calls++ } });
    const first = await h.send(call());
    const second = await h.send(call());
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(bodyOf(second)).toEqual({ ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 });
    expect(calls).toBe(1);
    expect(h.delivered).toHaveLength(1);
    expect(h.logs.some((l) => l.message === "duplicate callback acknowledged")).toBe(true);
  });

  it("answers FAIL with 503 when the handler throws, logs the whole event, and lets a retry deliver it", async () => {
    let fail = true;
    const h = harness("tencent-live-battle-end", {
      handlers: {
        [END]: () => {
          if (fail) throw new Error("database unavailable");
        },
      },
    });
    const answer = await h.send(call());
    expect(answer.status).toBe(503);
    // The app's own error text stays in the log: the platform hears which target failed, not what it said.
    expect(bodyOf(answer)).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 503, ErrorInfo: expect.stringContaining("handler: failed") });
    expect(answer.body).not.toContain("database unavailable");
    expect(JSON.stringify(h.logs)).toContain("database unavailable");
    const logged = eventsInErrorLogs(h.logs);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      callback: END,
      data: { BattleId: "4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=", endReason: "time_up", FromRoomInfo: { Owner_Account: "144115245353757792" } },
      raw: { EndTime: 1739956145, ToRoomList: [{ Owner_Account: "144115245442327522" }] },
    });

    fail = false;
    expect((await h.send(call())).status).toBe(200);
  });

  it("answers FAIL with 503 when the handler is still running at the deadline, and logs the event", async () => {
    // The handler never finishes: only the deadline can answer.
    const h = harness("tencent-live-battle-end", { handlers: { [END]: () => new Promise(() => {}) } });
    // The runtime stops the function 400 ms from now: delivery gets what is left after the 250 ms margin
    // (measured on the harness's clock, so a loaded machine cannot change it).
    const answer = await h.process(toInbound(call(), h.clock.now(), { deadlineAt: h.clock.now() + 400 }));
    expect(answer.status).toBe(503);
    expect(bodyOf(answer).ErrorInfo).toMatch(/handler: not finished within 150 ms/);
    expect(eventsInErrorLogs(h.logs)[0]).toMatchObject({ callback: END, data: { OpType: 0 } });
  });

  it("a duplicate arriving while the first is still being handled is told to retry (503), never delivered twice", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const h = harness("tencent-live-battle-end", {
      handlers: {
        [END]: async () => {
          calls++;
          await gate;
        },
      },
    });
    const first = h.send(call());
    const concurrent = await h.send(call());
    expect(concurrent.status).toBe(503);
    expect(bodyOf(concurrent).ErrorInfo).toMatch(/^in_progress/);
    release();
    expect((await first).status).toBe(200);
    expect((await h.send(call())).status).toBe(200);
    expect(calls).toBe(1);
  });
});
