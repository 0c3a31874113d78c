// What the SUD notify catalog warns about, one quirk at a time: renamed fields, the docs' typos, mixed
// time units, robots without a uid, JSON carried in strings, multi-MB images, a credential in a payload.
import { describe, expect, it } from "vitest";
import { editFixture, fixtureText } from "../../helpers/fixtures";
import { bodyOf, harness } from "../../helpers/harness";
import { sudCall } from "../../helpers/requests";
import { expectShape } from "../../helpers/shape";

const SUCCESS = { ret_code: 0, ret_msg: "SUCCESS" };

/** Sends each body to one sud-notify instance (shared dedupe memory); the delivered events in order. */
async function deliver(bodies: readonly string[], handlers?: Record<string, (event: any) => unknown>) {
  const h = harness("sud-notify", handlers ? { handlers } : {});
  const answers = [];
  for (const body of bodies) answers.push(bodyOf(await h.send(sudCall({ body }))));
  return { h, answers, events: h.delivered };
}

describe("sud.mg.merchant.order.changed", () => {
  it("names the event by order and status: the same result under a new notify_id is a duplicate, a new status is not", async () => {
    const again = editFixture("sud", "order-changed", (b) => (b.notify_id = "another-notify-id"));
    const failed = editFixture("sud", "order-changed", (b) => (b.data.status = "EXECUTE_FAIL"));
    const { answers, events } = await deliver([fixtureText("sud", "order-changed"), again, failed]);
    expect(answers).toEqual([SUCCESS, SUCCESS, SUCCESS]);
    expect(events.map((e) => e.id)).toEqual(["sud.mg.merchant.order.changed:1659497694888:EXECUTE_SUCCESS", "sud.mg.merchant.order.changed:1659497694888:EXECUTE_FAIL"]);
  });

  it("an order id holding ':' cannot pose as another order's id", async () => {
    const a = editFixture("sud", "order-changed", (b) => ((b.data.order_id = "1:EXECUTE_SUCCESS"), (b.data.status = "x")));
    const b2 = editFixture("sud", "order-changed", (b) => ((b.data.order_id = "1"), (b.data.status = "EXECUTE_SUCCESS:x")));
    const { events } = await deliver([a, b2]);
    expect(events).toHaveLength(2);
    expect(events[0]!.id).not.toBe(events[1]!.id);
  });

  it("runs the sub-event handler of its status beside the callback's own; an undocumented status reaches only the latter", async () => {
    const seen: string[] = [];
    const handlers = {
      "sud.mg.merchant.order.changed": (e: any) => void seen.push(`all:${e.data.status}`),
      "sud.mg.merchant.order.changed.EXECUTE_SUCCESS": (e: any) => void seen.push(`success:${e.data.order_id}`),
    };
    const refunded = editFixture("sud", "order-changed", (b) => (b.data.status = "REFUNDED"));
    const { answers } = await deliver([fixtureText("sud", "order-changed"), refunded], handlers);
    expect(answers).toEqual([SUCCESS, SUCCESS]);
    expect(seen.sort()).toEqual(["all:EXECUTE_SUCCESS", "all:REFUNDED", "success:1659497694888"]);
  });

  it("prefers game_round_id when both it and the old round_id are sent; neither is required", async () => {
    const both = editFixture("sud", "order-changed", (b) => (b.data.round_id = "old-round"));
    const neither = editFixture("sud", "order-changed", (b) => ((b.data.status = "EXECUTE_FAIL"), delete b.data.game_round_id));
    const { events } = await deliver([both, neither]);
    expect(events[0]!.data).toMatchObject({ game_round_id: "ce56b6lzi1a7-cqhcr6fgdnwg-c5vfwwj9h6mz", round_id: "old-round" });
    expect((events[1]!.data as any).game_round_id).toBeUndefined();
  });
});

describe("sud.mg.merchant.auth.room.changed", () => {
  it("hands auth_secret to the handler but keeps it out of the accepted log line", async () => {
    let secret: unknown;
    const { h, answers } = await deliver([fixtureText("sud", "auth-room-changed")], {
      "sud.mg.merchant.auth.room.changed": (e) => void (secret = e.data.auth_secret),
    });
    expect(answers).toEqual([SUCCESS]);
    expect(secret).toBe("d6089222f1db75211712");
    const accepted = h.logs.find((l) => l.message === "callback accepted");
    expect(accepted?.text).toContain('"room_id":"9009"');
    expect(h.logs.map((l) => l.text).join("\n")).not.toContain("d6089222f1db75211712");
    // The raw payload (forwarding, the stream and dead letters carry it) keeps the field.
    expect((h.delivered[0]!.raw as any).auth_secret).toBe("d6089222f1db75211712");
  });

  it("passes an undocumented status on as it came, with no sub-event handler called", async () => {
    let sub = 0;
    const body = editFixture("sud", "auth-room-changed", (b) => (b.data.status = "SUSPENDED"));
    const { events } = await deliver([body], { "sud.mg.merchant.auth.room.changed.PLAYING": () => void sub++ });
    expect(events[0]).toMatchObject({ subEvent: "SUSPENDED", data: { status: "SUSPENDED" } });
    expect(sub).toBe(0);
  });
});

describe("times: every unit becomes epoch ms", () => {
  it("reads a seconds field sent in ms, and a ms field sent in seconds or as a bare number, by its size", async () => {
    const settleInMs = editFixture("sud", "user-settle", (b) => (b.data.settle_at = "1663991011123"));
    // (The docs' samples of these two share a notify_id.)
    const changedInS = editFixture("sud", "room-users-changed", (b) => ((b.notify_id = "in-seconds"), (b.data.changed_time = "1647844976")));
    const bareMs = editFixture("sud", "room-seat-changed", (b) => (b.data.changed_time = 1749635780843));
    const { events } = await deliver([settleInMs, changedInS, bareMs]);
    expect(events.map((e) => e.eventTime)).toEqual([1663991011123, 1647844976000, 1749635780843]);
    expect(events[2]!.data).toMatchObject({ changed_time: "1749635780843", changedAt: 1749635780843 });
  });

  it("a time that is no time is passed on as sent; the event time falls back to notify_time", async () => {
    const placeholder = editFixture("sud", "player-draw-image", (b) => (b.data.timestamp = "xxx"));
    const zero = editFixture("sud", "match-settle", (b) => ((b.data.battle_end_at = "0"), (b.data.battle_duration = "n/a")));
    const { answers, events } = await deliver([placeholder, zero]);
    expect(answers).toEqual([SUCCESS, SUCCESS]);
    expectShape(events[0], { eventTime: 1770112570555, data: { timestamp: "xxx", drawnAt: undefined } });
    expectShape(events[1], { eventTime: 1664266669547, data: { endedAt: undefined, durationMs: undefined, startedAt: 1664265322000 } });
  });
});

describe("match.start and match.settle: one event per match", () => {
  it("the same match settled again under another notify_id is a duplicate; its start is another event", async () => {
    const again = editFixture("sud", "match-settle", (b) => (b.notify_id = "resent"));
    const { answers, events } = await deliver([fixtureText("sud", "match-settle"), again, fixtureText("sud", "match-start")]);
    expect(answers).toEqual([SUCCESS, SUCCESS, SUCCESS]);
    expect(events.map((e) => e.callback)).toEqual(["sud.mg.merchant.match.settle", "sud.mg.merchant.match.start"]);
  });

  it("match.start (known from third-party code only) needs no game_mode, start time or report fields", async () => {
    const bare = editFixture("sud", "match-start", (b) => {
      for (const field of ["game_mode", "battle_start_at", "report_game_info_key", "report_game_info_extras"]) delete b.data[field];
    });
    const { answers, events } = await deliver([bare]);
    expect(answers).toEqual([SUCCESS]);
    expectShape(events[0], { eventTime: 1664265322000, data: { startedAt: undefined, game_mode: undefined } });
  });
});

describe("decoded values", () => {
  it("bid.result: bid_rs 1 is a failed bid; Werewolf roles are named, other games' role_id is not", async () => {
    const failed = editFixture("sud", "bid-result", (b) => {
      b.notify_id = "n2";
      b.data.player_bids.push({ order_id: "o2", out_order_id: "oo2", uid: "u2", bid_rs: 1, bid_value: 100, payload: { role_id: 6 } });
      b.data.player_bids.push({ order_id: "o3", out_order_id: "oo3", uid: "u3", bid_rs: 0, bid_value: 50, payload: { role_id: 42 } });
      b.data.player_bids.push({ order_id: "o4", out_order_id: "oo4", uid: "u4", bid_rs: 0, bid_value: 50 });
    });
    const other = editFixture("sud", "bid-result", (b) => (b.data.mg_id = "1468180338417074177"));
    const { events } = await deliver([failed, other]);
    expect((events[0]!.data as any).player_bids.map((p: any) => [p.succeeded, p.role])).toEqual([
      [true, "werewolf"],
      [false, "guard"],
      [true, "unknown"],
      [true, undefined],
    ]);
    expectShape((events[1]!.data as any).player_bids[0], { payload: { role_id: 1 }, role: undefined });
  });

  it("game.player.connect.status: status 1 is online (its own sub-event), others unknown", async () => {
    const seen: string[] = [];
    const online = editFixture("sud", "game-player-connect-status", (b) => {
      b.notify_id = "on";
      b.data.player.status = 1;
      b.data.player.offline_timestamp = "0";
    });
    const odd = editFixture("sud", "game-player-connect-status", (b) => ((b.notify_id = "odd"), (b.data.player.status = 7)));
    const { events } = await deliver([online, odd], {
      "sud.mg.merchant.game.player.connect.status.online": (e) => void seen.push(e.data.player.uid),
      "sud.mg.merchant.game.player.connect.status.offline": () => void seen.push("offline"),
    });
    expect(events.map((e) => [e.subEvent, (e.data as any).connection, (e.data as any).player.offlineAt])).toEqual([
      ["online", "online", undefined],
      ["unknown", "unknown", 1716814942000],
    ]);
    expect(seen).toEqual(["xxx"]);
  });

  it("llm.ai.create.result: a non-zero biz_error_code is a failure", async () => {
    const body = editFixture("sud", "llm-ai-create-result", (b) => ((b.data.biz_error_code = 1003), (b.data.biz_error_msg = "quota")));
    const { events } = await deliver([body]);
    expect(events[0]!.data).toMatchObject({ succeeded: false, biz_error_msg: "quota" });
  });

  it("user.settle: a robot has an empty uid and is told apart by ai", async () => {
    const body = editFixture("sud", "user-settle", (b) => ((b.data.results[1].uid = ""), (b.data.results[1].is_ai = 1)));
    const { events } = await deliver([body]);
    expect((events[0]!.data as any).results[1]).toMatchObject({ uid: "", is_ai: 1, ai: true });
  });
});

describe("room.game.rule: a JSON document inside a string", () => {
  it("parses the rule, keeping a 64-bit number inside it whole; a rule that is no JSON is passed on unparsed", async () => {
    const big = editFixture("sud", "room-game-rule", (b) => ((b.notify_id = "big"), (b.data.rule = '{"ante":10,"table":1557194155570024449}')));
    const broken = editFixture("sud", "room-game-rule", (b) => ((b.notify_id = "broken"), (b.data.rule = "ante=10")));
    const object = editFixture("sud", "room-game-rule", (b) => ((b.notify_id = "object"), (b.data.rule = { ante: 5 })));
    const { answers, events } = await deliver([big, broken, object]);
    expect(answers).toEqual([SUCCESS, SUCCESS, SUCCESS]);
    expect(String((events[0]!.data as any).ruleValue.table)).toBe("1557194155570024449");
    expectShape(events[1]!.data, { rule: "ante=10", ruleValue: undefined });
    expect(events[2]!.data).toMatchObject({ rule: { ante: 5 }, ruleValue: { ante: 5 } });
  });
});

describe("player.draw.image: multi-MB images", () => {
  it("accepts a 5 MB image and tells where its base64 starts and its type", async () => {
    const base64 = Buffer.alloc(3.75 * 1024 * 1024, 7).toString("base64");
    const body = editFixture("sud", "player-draw-image", (b) => (b.data.image_data = `data:image/jpeg;base64,${base64}`));
    expect(body.length).toBeGreaterThan(5 * 1024 * 1024);
    const { answers, events } = await deliver([body]);
    expect(answers).toEqual([SUCCESS]);
    const data = events[0]!.data as any;
    expect(data).toMatchObject({ imageMimeType: "image/jpeg", imageDataStart: 23 });
    expect(data.image_data.length).toBe(23 + base64.length);
    expect(Buffer.from(data.image_data.slice(data.imageDataStart), "base64").equals(Buffer.alloc(3.75 * 1024 * 1024, 7))).toBe(true);
  });

  it("accepts bare base64 without the data: prefix (no type, data from the start); refuses an empty image", async () => {
    const bare = editFixture("sud", "player-draw-image", (b) => (b.data.image_data = "iVBORw0KGgo="));
    const empty = editFixture("sud", "player-draw-image", (b) => ((b.notify_id = "empty"), (b.data.image_data = "")));
    const { answers, events } = await deliver([bare, empty]);
    expectShape(events[0]!.data, { imageMimeType: undefined, imageDataStart: 0 });
    expect(answers[1]).toMatchObject({ ret_code: 0, ret_msg: expect.stringContaining("quarantined: invalid: sud.mg.merchant.player.draw.image: image_data: must not be empty") });
  });
});

describe("decoding tables hold only what they list", () => {
  for (const mgId of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
    it(`an mg_id of "${mgId}" names no game (game.process, player.status)`, async () => {
      const process = editFixture("sud", "game-process", (b) => (b.data.mg_id = mgId));
      const status = editFixture("sud", "player-status", (b) => (b.data.mg_id = mgId));
      const { answers, events } = await deliver([process, status]);
      expect(answers).toEqual([SUCCESS, SUCCESS]);
      expect(events.map((e) => [(e.data as any).mg_id, (e.data as any).game])).toEqual([
        [mgId, undefined],
        [mgId, undefined],
      ]);
    });
  }
});
