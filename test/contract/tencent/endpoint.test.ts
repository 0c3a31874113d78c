import { describe, expect, it } from "vitest";
import { ackProblem } from "../../helpers/acks";
import { fixtureText } from "../../helpers/fixtures";
import { bodyOf, harness } from "../../helpers/harness";
import { NOW_MS, TENCENT_APP_ID, TENCENT_TOKEN, tencentCall } from "../../helpers/requests";

const START = "Live.CallbackAfterStartBattle";
// A command Tencent does not send (co-host connections exist only in the client SDK): no schema here.
const NEW_COMMAND = "Live.CallbackAfterStartConnection";
const newCommandBody = fixtureText("tencent", "create-room").replace("Live.CallbackAfterCreateRoom", NEW_COMMAND);
const signed = (command: string, body: string, extra: Partial<Parameters<typeof tencentCall>[0]> = {}) => tencentCall({ command, body, token: TENCENT_TOKEN, ...extra });

describe("tencent-live: every command at the one callback URL", () => {
  it("acknowledges a command it has no schema for and passes it on as a generic event", async () => {
    const h = harness("tencent-live");
    const answer = await h.send(signed(NEW_COMMAND, newCommandBody));
    expect(answer.status).toBe(200);
    expect(bodyOf(answer)).toEqual({ ActionStatus: "OK", ErrorInfo: "", ErrorCode: 0 });
    expect(h.delivered[0]).toMatchObject({
      callback: NEW_COMMAND,
      known: false,
      eventTime: 1731639000456,
      data: { RoomId: "live-room-0042", RoomInfo: { Owner_Account: "144115216631667826" } },
    });
    expect(h.delivered[0]!.id).toMatch(/^Live\.CallbackAfterStartConnection:[0-9a-f]{64}$/);
  });

  it("acknowledges a Before callback without a schema and an unheard-of command alike", async () => {
    const h = harness("tencent-live");
    for (const command of ["Live.CallbackBeforeCreateRoom", "Room.CallbackAfterMemberEnter", "Brand.New.Command"]) {
      const answer = await h.send(signed(command, JSON.stringify({ CallbackCommand: command, EventTime: 1 })));
      expect(answer.status, command).toBe(200);
      expect(ackProblem("tencent", answer)).toBeUndefined();
    }
    expect(h.delivered.map((e) => e.callback)).toEqual(["Live.CallbackBeforeCreateRoom", "Room.CallbackAfterMemberEnter", "Brand.New.Command"]);
  });

  it("delivers an unknown command received twice only once", async () => {
    const h = harness("tencent-live");
    for (let i = 0; i < 2; i++) expect((await h.send(signed(NEW_COMMAND, newCommandBody))).status).toBe(200);
    expect(h.delivered).toHaveLength(1);
  });
});

describe("single-command Tencent functions", () => {
  for (const fn of ["tencent-live-battle-start", "tencent-live-battle-end", "tencent-live-room-destroyed"] as const) {
    it(`${fn} quarantines an unknown command: a well-formed FAIL with ErrorCode 400, over HTTP 200`, async () => {
      const h = harness(fn);
      const answer = await h.send(signed("Live.CallbackAfterCreateRoom", fixtureText("tencent", "create-room")));
      expect(answer.status).toBe(200);
      expect(ackProblem("tencent", answer)).toBeUndefined();
      expect(bodyOf(answer)).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 400, ErrorInfo: expect.stringMatching(/^quarantined: wrong_callback: this function serves Live\./) });
      expect(h.delivered).toHaveLength(0);
    });
  }
});

describe("CallbackCommand in the query and the body", () => {
  it("quarantines a query and body that disagree (ErrorCode 400)", async () => {
    const h = harness("tencent-live");
    const answer = await h.send(signed("Live.CallbackAfterEndBattle", fixtureText("tencent", "battle-start")));
    expect(bodyOf(answer).ErrorCode).toBe(400);
    expect(bodyOf(answer).ErrorInfo).toContain("CallbackCommand differs between the query (Live.CallbackAfterEndBattle) and the body (Live.CallbackAfterStartBattle)");
    expect(h.delivered).toHaveLength(0);
  });

  it("takes the command from the query when the body lacks it, and from the body when the query lacks it", async () => {
    const h = harness("tencent-live");
    const body = JSON.parse(fixtureText("tencent", "battle-start"));
    delete body.CallbackCommand;
    expect((await h.send(signed(START, JSON.stringify(body)))).status).toBe(200);
    const onlyInBody = signed(START, fixtureText("tencent", "room-destroyed-legacy"), { query: { CallbackCommand: undefined } });
    expect((await h.send(onlyInBody)).status).toBe(200);
    expect(h.delivered.map((e) => e.callback)).toEqual([START, "Live.CallbackAfterDestroyRoom"]);
  });

  it("finds the command under any case of the query key", async () => {
    const h = harness("tencent-live-battle-start");
    const call = signed(START, fixtureText("tencent", "battle-start"), { query: { CallbackCommand: undefined, callbackcommand: START } });
    expect((await h.send(call)).status).toBe(200);
  });

  it("quarantines a callback naming no command at all (ErrorCode 400)", async () => {
    const h = harness("tencent-live");
    const answer = await h.send(signed(START, '{"RoomId":"r"}', { query: { CallbackCommand: undefined } }));
    expect(bodyOf(answer).ErrorCode).toBe(400);
    expect(bodyOf(answer).ErrorInfo).toContain("CallbackCommand is missing");
  });
});

describe("SdkAppid", () => {
  it("is accepted under any case of the key (SdkAppid, SdkAppId, sdkappid)", async () => {
    for (const key of ["SdkAppid", "SdkAppId", "sdkappid"]) {
      const h = harness("tencent-live-battle-start");
      const call = signed(START, fixtureText("tencent", "battle-start"), { query: { SdkAppid: undefined, [key]: TENCENT_APP_ID } });
      expect((await h.send(call)).status, key).toBe(200);
    }
  });

  it("of another app is refused with 403", async () => {
    const h = harness("tencent-live");
    const answer = await h.send(signed(START, fixtureText("tencent", "battle-start"), { appId: "1400999999" }));
    expect(answer.status).toBe(403);
    expect(bodyOf(answer)).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 403, ErrorInfo: expect.stringContaining("SdkAppid does not match TENCENT_SDK_APP_ID") });
    expect(h.delivered).toHaveLength(0);
  });
});

describe("Tencent signature over HTTP", () => {
  it("refuses an unsigned, a wrongly signed and an expired callback with 401", async () => {
    const h = harness("tencent-live");
    const body = fixtureText("tencent", "battle-start");
    const unsigned = await h.send(tencentCall({ command: START, body }));
    const wrong = await h.send(tencentCall({ command: START, body, token: "wrong-token" }));
    const expired = await h.send(signed(START, body, { requestTime: Math.floor(NOW_MS / 1000) - 61 }));
    for (const answer of [unsigned, wrong, expired]) {
      expect(answer.status).toBe(401);
      expect(ackProblem("tencent", answer)).toBeUndefined();
    }
    expect(bodyOf(unsigned).ErrorInfo).toMatch(/^signature_missing/);
    expect(bodyOf(wrong).ErrorInfo).toMatch(/^signature_invalid/);
    expect(bodyOf(expired).ErrorInfo).toMatch(/^timestamp_expired/);
    expect(h.delivered).toHaveLength(0);
  });

  it("accepts a callback 60 s old by the fake clock, and refuses it a second later", async () => {
    const h = harness("tencent-live");
    const call = signed(START, fixtureText("tencent", "battle-start"));
    h.clock.advance(60_000);
    expect((await h.send(call)).status).toBe(200);
    h.clock.advance(1_000);
    expect((await h.send(call)).status).toBe(401);
  });

  it("needs no signature when no token is configured", async () => {
    const h = harness("tencent-live", { env: { TENCENT_SDK_APP_ID: TENCENT_APP_ID } });
    expect((await h.send(tencentCall({ command: START, body: fixtureText("tencent", "battle-start") }))).status).toBe(200);
  });
});

describe("Tencent transport limits", () => {
  it("answers 405 to GET and PUT, and to a direct invocation", async () => {
    const h = harness("tencent-live");
    for (const method of ["GET", "PUT"]) {
      const answer = await h.send(signed(START, fixtureText("tencent", "battle-start"), { method }));
      expect(answer.status).toBe(405);
      expect(bodyOf(answer).ErrorInfo).toContain(`method ${method} is not allowed; use POST`);
    }
    const invoked = await h.invoke(fixtureText("tencent", "battle-start"));
    expect(invoked.status).toBe(405);
    expect(ackProblem("tencent", invoked)).toBeUndefined();
  });

  it("answers 413 to a body over 1 MB", async () => {
    const h = harness("tencent-live");
    const body = JSON.stringify({ CallbackCommand: START, pad: "x".repeat(1024 * 1024) });
    const answer = await h.send(signed(START, body));
    expect(answer.status).toBe(413);
    expect(ackProblem("tencent", answer)).toBeUndefined();
  });

  it("quarantines a body that is not a JSON object (ErrorCode 400)", async () => {
    const h = harness("tencent-live");
    for (const body of ["", "not json", "[1,2]", '"text"', '{"a":1,}']) {
      const answer = await h.send(signed(START, body));
      expect(bodyOf(answer), body).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 400, ErrorInfo: expect.stringMatching(/^quarantined: malformed: /) });
      expect(ackProblem("tencent", answer)).toBeUndefined();
    }
  });

  it("fails closed when misconfigured: 500 FAIL naming the variable, also logged", async () => {
    const h = harness("tencent-live", { env: { TENCENT_CALLBACK_TOKEN: TENCENT_TOKEN } });
    const answer = await h.send(signed(START, fixtureText("tencent", "battle-start")));
    expect(answer.status).toBe(500);
    expect(bodyOf(answer)).toMatchObject({ ActionStatus: "FAIL", ErrorInfo: expect.stringContaining("TENCENT_SDK_APP_ID is not set") });
    expect(h.logs.some((l) => l.level === "error" && l.text.includes("TENCENT_SDK_APP_ID"))).toBe(true);
    expect(h.delivered).toHaveLength(0);
  });
});
