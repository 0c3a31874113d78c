import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../shared/core/platform";
import { MemoryDedupeStore } from "../../shared/delivery/dedupe/memory";
import type { DedupeStore } from "../../shared/delivery/dedupe/store";
import { createProcessor } from "../../shared/function";
import { ackProblem } from "../helpers/acks";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS, type FunctionName } from "../helpers/functions";
import { bodyOf, ENV, harness } from "../helpers/harness";
import { NOW_MS, sudCall, sudEnvelope, TENCENT_TOKEN, tencentCall, TOP_SECRET, topCall } from "../helpers/requests";
import { captureLog } from "../redis/helpers/capture";
import { bodyArb, RUNS } from "../fuzz/arbitraries";

const invalidPlayerStatus = (notifyId: string, roomId = "9") => sudEnvelope("sud.mg.merchant.player.status", { mg_id: "1", room_id: roomId }, notifyId);
const letters = (h: { logs: ReadonlyArray<{ message: string; fields?: Record<string, unknown> }> }) =>
  h.logs.filter((l) => l.message === "dead letter").map((l) => l.fields!.deadLetter as { kind: string; reason: string });

describe("an authentic callback that can never pass is quarantined and answered so the platform stops retrying", () => {
  it("SUD: HTTP 200 and ret_code 0 (received), the cause in ret_msg", async () => {
    const cases: Array<[FunctionName, string, RegExp]> = [
      ["sud-notify", invalidPlayerStatus("q-invalid"), /^quarantined: invalid: sud\.mg\.merchant\.player\.status: /],
      ["sud-notify", "{not json", /^quarantined: malformed: body is not valid JSON/],
      ["sud-notify", JSON.stringify({ notify_id: "q-no-event", notify_time: "1", data: {} }), /^quarantined: invalid: notify envelope: notify_event/],
      ["sud-player-status", sudEnvelope("sud.mg.merchant.order.changed", {}, "q-wrong"), /^quarantined: wrong_callback: this function serves sud\.mg\.merchant\.player\.status/],
    ];
    for (const [fn, body, message] of cases) {
      const h = harness(fn);
      const answer = await h.send(sudCall({ body }));
      expect(answer.status, body).toBe(200);
      expect(bodyOf(answer).ret_code, body).toBe(0);
      expect(bodyOf(answer).ret_msg, body).toMatch(message);
      expect(ackProblem("sud", answer)).toBeUndefined();
      expect(letters(h).map((l) => l.kind)).toEqual(["quarantined"]);
      expect(h.delivered).toEqual([]);
    }
  });

  it("Tencent: HTTP 200 (not a failed callback in its console), ActionStatus FAIL and ErrorCode 400 naming the cause", async () => {
    const h = harness("tencent-live-battle-start");
    const call = tencentCall({ command: "Live.CallbackAfterStartBattle", body: { BattleId: 7 }, token: TENCENT_TOKEN });
    const answer = await h.send(call);
    expect(answer.status).toBe(200);
    expect(bodyOf(answer)).toEqual({ ActionStatus: "FAIL", ErrorCode: 400, ErrorInfo: expect.stringMatching(/^quarantined: invalid: Live\.CallbackAfterStartBattle: BattleId/) });
    expect(ackProblem("tencent", answer)).toBeUndefined();
    expect(letters(h)).toHaveLength(1);
  });

  it('元镜: the TacResult with code "0" and the cause in its message, in JSON and XML', async () => {
    const h = harness("yuanjing-session-lifecycle");
    const invoked = await h.invoke('{"fc_group":"fc-dg-common","fc_name":"cg"}');
    expect(invoked.status).toBe(200);
    expect(bodyOf(invoked).result).toMatchObject({ code: "0", message: "quarantined: isv.invalid-parameter: request_param is required" });
    expect(bodyOf(invoked).result.data.message).toBe("quarantined: isv.invalid-parameter: request_param is required");
    expect(ackProblem("yuanjing", invoked)).toBeUndefined();

    const body = JSON.stringify({ fc_group: "other", fc_name: "cg", request_param: {} });
    const xml = await h.send(topCall({ body, secret: TOP_SECRET, format: "xml" }));
    expect(xml.status).toBe(200);
    expect(xml.body).toContain("<code>0</code><message>quarantined: isv.invalid-target: this function serves fc_group=fc-dg-common");
    expect(ackProblem("yuanjing", xml)).toBeUndefined();
    expect(letters(h)).toHaveLength(2);
  });

  it("a second arrival of the same quarantined callback is acknowledged the same way and not written again", async () => {
    const sud = harness("sud-notify");
    const first = await sud.send(sudCall({ body: invalidPlayerStatus("q-twice") }));
    // SUD's retry of the same notification, signed anew.
    const again = await sud.send(sudCall({ body: invalidPlayerStatus("q-twice"), nonce: "another-nonce", timestamp: String(Math.floor(NOW_MS / 1000) + 60) }));
    expect(again).toEqual(first);
    // The same notify_id names the notification even when its invalid data differs.
    expect(bodyOf(await sud.send(sudCall({ body: invalidPlayerStatus("q-twice", "other room") }))).ret_code).toBe(0);
    expect(letters(sud)).toHaveLength(1);
    expect(sud.logs.map((l) => l.message)).toContain("quarantined callback acknowledged again");
    // Another notification is another letter; an unreadable body is named by its digest.
    await sud.send(sudCall({ body: invalidPlayerStatus("q-other") }));
    await sud.send(sudCall({ body: "{not json" }));
    await sud.send(sudCall({ body: "{not json" }));
    await sud.send(sudCall({ body: "{not json " }));
    expect(letters(sud)).toHaveLength(4);

    const tencent = harness("tencent-live-battle-end");
    const call = (at: number) => tencentCall({ command: "Live.CallbackAfterStartBattle", body: { BattleId: "b" }, token: TENCENT_TOKEN, now: at });
    const a = await tencent.send(call(NOW_MS));
    tencent.clock.advance(30_000);
    const b = await tencent.send(call(NOW_MS + 30_000));
    expect(b).toEqual(a);
    expect(letters(tencent)).toHaveLength(1);

    const yuanjing = harness("yuanjing-session-lifecycle");
    for (let i = 0; i < 3; i++) expect((await yuanjing.invoke('{"request_param":{"action":"x"}}')).status).toBe(200);
    expect(letters(yuanjing)).toHaveLength(1);
  });

  it("the quarantine is remembered as long as a delivered id (48 h here), then the callback is kept again", async () => {
    const h = harness("sud-notify");
    // Each copy signed when it is sent, as SUD signs its retries (inside the signature window).
    await h.send(sudCall({ body: invalidPlayerStatus("q-ttl"), now: h.clock.now() }));
    h.clock.advance(47 * 3600_000);
    await h.send(sudCall({ body: invalidPlayerStatus("q-ttl"), now: h.clock.now() }));
    expect(letters(h)).toHaveLength(1);
    h.clock.advance(3600_000 + 1);
    await h.send(sudCall({ body: invalidPlayerStatus("q-ttl"), now: h.clock.now() }));
    expect(letters(h)).toHaveLength(2);
  });

  it("a transient failure still asks for a retry: the dedupe store unreachable (the letter is kept), or the copy in progress elsewhere", async () => {
    const logs = captureLog();
    let down = true;
    const memory = new MemoryDedupeStore();
    const flaky: DedupeStore = {
      claim: (key, ms) => (down ? Promise.reject(new Error("connect ECONNREFUSED 10.1.2.3:6379")) : memory.claim(key, ms)),
      complete: (key) => memory.complete(key),
      release: (key) => memory.release(key),
    };
    const processor = createProcessor(FUNCTION_SPECS["sud-notify"], { env: ENV.sud, log: logs.log, dedupe: flaky });
    const send = () => processor(toInbound(sudCall({ body: invalidPlayerStatus("q-transient"), now: Date.now() }), Date.now()));

    const during = await send();
    expect(during.status).toBe(503);
    expect(bodyOf(during)).toEqual({ ret_code: 503, ret_msg: expect.stringMatching(/^delivery_failed: shared dedupe store unavailable; retry later/) });
    expect(during.body).not.toContain("10.1.2.3");
    expect(during.body).toContain("invalid: sud.mg.merchant.player.status: ");
    const kept = () => logs.lines.filter((l) => l.message === "dead letter").length;
    expect(kept()).toBe(1);

    down = false;
    const after = await send();
    expect(bodyOf(after)).toMatchObject({ ret_code: 0, ret_msg: expect.stringMatching(/^quarantined: invalid: /) });
    expect(kept()).toBe(2);
    expect(bodyOf(await send()).ret_code).toBe(0);
    expect(kept()).toBe(2);

    // Another request is quarantining the same copy right now: retry later, nothing written twice.
    const busy: DedupeStore = { claim: async () => "in_progress" as const, complete: async () => undefined, release: async () => undefined };
    const other = createProcessor(FUNCTION_SPECS["sud-notify"], { env: ENV.sud, log: logs.log, dedupe: busy });
    const inProgress = await other(toInbound(sudCall({ body: invalidPlayerStatus("q-busy"), now: Date.now() }), Date.now()));
    expect(inProgress.status).toBe(503);
    expect(bodyOf(inProgress).ret_code).toBe(503);
    expect(kept()).toBe(2);
  });

  it("property: however often any authentic body arrives, it is delivered or quarantined once, and never answered with a retry", async () => {
    const answerOf = (a: Answer) => bodyOf(a) as { ret_code: number; ret_msg: string };
    await fc.assert(
      fc.asyncProperty(bodyArb, fc.integer({ min: 1, max: 4 }), async (body, copies) => {
        const h = harness("sud-player-status");
        const answers: Answer[] = [];
        for (let i = 0; i < copies; i++) answers.push(await h.send(sudCall({ body, nonce: `nonce-${i}` })));
        for (const answer of answers) {
          expect(answer.status).toBe(200);
          expect(answerOf(answer).ret_code).toBe(0);
          expect(ackProblem("sud", answer)).toBeUndefined();
        }
        const quarantined = answers.filter((a) => answerOf(a).ret_msg.startsWith("quarantined: "));
        expect(quarantined.length === 0 ? h.delivered.length : letters(h).length).toBe(1);
        if (quarantined.length) expect(quarantined).toHaveLength(copies);
      }),
      RUNS,
    );
  });
});
