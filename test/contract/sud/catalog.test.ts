// Every sud.mg.merchant.* notification of the catalog, through the one notify URL: the catalog's valid
// sample (and variants) becomes one typed event with its dedupe id, its time in ms and its decoded fields;
// a body without a field the event cannot be used without is refused, naming the field.
import { describe, expect, it } from "vitest";
import { editFixture, fixtureText } from "../../helpers/fixtures";
import { bodyOf, harness } from "../../helpers/harness";
import { sudCall } from "../../helpers/requests";
import { expectShape } from "../../helpers/shape";

const SUCCESS = { ret_code: 0, ret_msg: "SUCCESS" };
const NOTIFY_ID = "0795d77f85789da0eb387a50964993a3eba1fedfec2b12f729861392a9b5ad04";
const SETTLE_NOTIFY_ID = "144884c98000100c-15da5e428a821000";

interface Row {
  readonly fixture: string;
  readonly callback: string;
  readonly id: string;
  readonly eventTime: number;
  readonly subEvent?: string;
  readonly data: Record<string, unknown>;
  /** A field the event cannot be used without: deleting it is refused with this message. */
  readonly missing?: readonly [(body: any) => void, string];
}

const bullet = (event: string, file: string, i: number): Row => ({
  fixture: `bullet-${file}`,
  callback: `sud.mg.merchant.bullet.${event}`,
  id: `b7e0c1d2a3f4e5d6c7b8a9f0e1d2c3b${i}`,
  eventTime: 1749635780743 + i,
  data: { mg_id: "1732311222312345601", room_id: "live-9009" },
  // Nothing is required but an object.
  missing: [(b) => (b.data = "text"), `sud.mg.merchant.bullet.${event}: body: expected object, got string`],
});

const ROWS: readonly Row[] = [
  {
    fixture: "room-users-changed",
    callback: "sud.mg.merchant.room.users.changed",
    id: NOTIFY_ID,
    eventTime: 1647844976502,
    data: { room_id: "9009", mg_id: "mgid01", player_total: 2, ob_total: 2, changed_time: "1647844976502", changedAt: 1647844976502 },
    missing: [(b) => delete b.data.player_total, "player_total: required number is missing"],
  },
  {
    fixture: "order-changed",
    callback: "sud.mg.merchant.order.changed",
    id: "sud.mg.merchant.order.changed:1659497694888:EXECUTE_SUCCESS",
    eventTime: 1647844976502,
    subEvent: "EXECUTE_SUCCESS",
    data: {
      order_id: "1659497694888",
      out_order_id: "1659497694000",
      out_group_id: "1659497694",
      game_round_id: "ce56b6lzi1a7-cqhcr6fgdnwg-c5vfwwj9h6mz",
      cmd: "test",
      from_uid: "001",
      to_uid: "002",
      value: 1,
      seq: 0,
      payload: { score: 1 },
      status: "EXECUTE_SUCCESS",
    },
    missing: [(b) => delete b.data.out_order_id, "out_order_id: required value is missing"],
  },
  {
    fixture: "order-changed.old-shape",
    callback: "sud.mg.merchant.order.changed",
    id: "sud.mg.merchant.order.changed:1659497694777:CREATED",
    eventTime: 1659497695102,
    subEvent: "CREATED",
    // The 2023 docs' round_id is read as game_round_id (and kept).
    data: { round_id: "ce56b6lzi1a7-cqhcr6fgdnwg-old", game_round_id: "ce56b6lzi1a7-cqhcr6fgdnwg-old", status: "CREATED", value: undefined },
  },
  {
    fixture: "order-batch-changed",
    callback: "sud.mg.merchant.order.batch.changed",
    id: "xxx",
    eventTime: 1765939618445,
    data: {
      mg_id: "xxx",
      orders: [{ order_id: "xxx", cmd: "gift_cover_big_chain", value: 1, from_uid: "15493", to_uid: "15444", status: "EXECUTE_SUCCESS" }],
    },
    missing: [(b) => delete b.data.orders[0].status, "orders[0].status: required string is missing"],
  },
  {
    fixture: "order-batch-changed.bare-ids",
    callback: "sud.mg.merchant.order.batch.changed",
    id: "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
    eventTime: 1765939618445,
    data: {
      mg_id: "1468180338417074177",
      room_id: "9009",
      orders: [
        { order_id: "1765939618000123457", from_uid: "1380100177150345266", to_uid: "1380100177150345267", value: 5 },
        {
          order_id: "1765939618000123458",
          game_round_id: "ce56b6lzi1a7-batch",
          status: "EXECUTE_FAIL",
          fail_reason: "balance",
          payload: { combo: 3 },
        },
      ],
    },
  },
  {
    fixture: "bid-result",
    callback: "sud.mg.merchant.bid.result",
    id: NOTIFY_ID,
    eventTime: 1647844976502,
    data: {
      mg_id: "1472142747708284929",
      game_round_id: "xxx",
      player_bids: [{ order_id: "xxx", uid: "xxx", bid_rs: 0, succeeded: true, bid_value: 200, payload: { role_id: 1 }, role: "werewolf" }],
    },
    missing: [(b) => delete b.data.player_bids[0].bid_value, "player_bids[0].bid_value: required number is missing"],
  },
  {
    fixture: "user-settle",
    callback: "sud.mg.merchant.user.settle",
    id: NOTIFY_ID,
    // settle_at is in seconds.
    eventTime: 1663991011000,
    data: {
      match_id: "match-001",
      settle_at: "1663991011",
      settledAt: 1663991011000,
      results: [
        { uid: "u001", order_id: "1663991011001", is_ai: 0, ai: false, score: 10, remain_score: 100, commission_score: 10 },
        { uid: "u002", order_id: "1663991011002", is_ai: 0, ai: false, score: 20, remain_score: 90, commission_score: undefined },
      ],
    },
    missing: [(b) => delete b.data.results[1].order_id, "results[1].order_id: required value is missing"],
  },
  {
    fixture: "match-start",
    callback: "sud.mg.merchant.match.start",
    id: "sud.mg.merchant.match.start:ce56b6lzi1a7-cf75pcvbs7j1-cxjfg7fzupz0",
    eventTime: 1664265322000,
    data: { mg_id: "1557194155570024449", room_id: "9010", game_mode: 1, battle_start_at: "1664265322", startedAt: 1664265322000 },
    missing: [(b) => delete b.data.match_id, "match_id: required value is missing"],
  },
  {
    fixture: "match-settle",
    callback: "sud.mg.merchant.match.settle",
    id: "sud.mg.merchant.match.settle:ce56b6lzi1a7-cf75pcvbs7j1-cxjfg7fzupz0",
    eventTime: 1664265594000,
    data: {
      startedAt: 1664265322000,
      endedAt: 1664265594000,
      durationMs: 272000,
      results: [
        { uid: "fa1c53c4", is_ai: 0, ai: false, score: -100, remain_score: 0 },
        { uid: "f0818db8", score: -100 },
      ],
      report_game_info_extras: "extras",
    },
    missing: [(b) => delete b.data.results, "results: required array is missing"],
  },
  {
    fixture: "match-settle.bare-ids",
    callback: "sud.mg.merchant.match.settle",
    id: "sud.mg.merchant.match.settle:ce56b6lzi1a7-cf75pcvbs7j1-bare",
    eventTime: 1664265594000,
    data: {
      mg_id: "1557194155570024449",
      room_id: "9010",
      battle_start_at: "1664265322",
      startedAt: 1664265322000,
      durationMs: 272000,
      table_level: "gold",
      report_game_info_key: undefined,
      results: [
        { uid: "1380100177150345266", ai: false, score: 150, commission_score: 5, rank: 1 },
        { uid: "", is_ai: 1, ai: true, score: -150 },
      ],
    },
  },
  {
    fixture: "room-game-rule",
    callback: "sud.mg.merchant.room.game.rule",
    id: "xxx",
    eventTime: 1664265322000,
    data: { mg_id: "1557194155570024449", room_id: "9010", rule: '{"ante":10}', ruleValue: { ante: 10 } },
    missing: [(b) => delete b.data.rule, "rule: required value is missing"],
  },
  {
    fixture: "auth-room-changed",
    callback: "sud.mg.merchant.auth.room.changed",
    id: SETTLE_NOTIFY_ID,
    eventTime: 1647844976502,
    subEvent: "PLAYING",
    data: { room_id: "9009", mg_id: "mgid01", status: "PLAYING", changed_time: "1647844976502", changedAt: 1647844976502 },
    missing: [(b) => delete b.data.status, "status: required string is missing"],
  },
  {
    fixture: "auth-room-changed.doc-sample",
    callback: "sud.mg.merchant.auth.room.changed",
    id: SETTLE_NOTIFY_ID,
    eventTime: 1647844976502,
    // The docs' sample spells it PLAYUING.
    subEvent: "PLAYING",
    data: { status: "PLAYING" },
  },
  {
    fixture: "match-user-changed",
    callback: "sud.mg.merchant.match.user.changed",
    id: SETTLE_NOTIFY_ID,
    eventTime: 1664266669547,
    data: { group_id: "g01", cur_num: 2, total_num: 4, user_ids: ["u01", "u02"] },
    missing: [(b) => delete b.data.user_ids, "user_ids: required array is missing"],
  },
  {
    fixture: "match-status-changed",
    callback: "sud.mg.merchant.match.status.changed",
    id: SETTLE_NOTIFY_ID,
    eventTime: 1664266669547,
    subEvent: "MATCH_SUCCESS",
    data: { group_id: "g01", match_room_id: "m01", status: "MATCH_SUCCESS" },
    missing: [(b) => delete b.data.match_room_id, "match_room_id: required when status is MATCH_SUCCESS"],
  },
  {
    fixture: "match-status-changed.fail",
    callback: "sud.mg.merchant.match.status.changed",
    id: "2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f",
    eventTime: 1664266670001,
    subEvent: "MATCH_FAIL",
    data: { group_id: "g02", status: "MATCH_FAIL", match_room_id: undefined },
    missing: [(b) => delete b.data.group_id, "group_id: required value is missing"],
  },
  {
    fixture: "game-process",
    callback: "sud.mg.merchant.game.process",
    id: NOTIFY_ID,
    eventTime: 1647844976502,
    subEvent: "chess_end",
    data: {
      mg_id: "1468180338417074177",
      game: "LUDO",
      game_round_id: "ce56b6lzi1a7-v8eoi58qanhk-vjzmzss",
      event: "chess_end",
      players: [{ uid: "u001", type: "INTERNAL" }],
    },
    missing: [(b) => delete b.data.players, "players: required array is missing"],
  },
  {
    fixture: "game-process.minimal",
    callback: "sud.mg.merchant.game.process",
    id: "3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c",
    eventTime: 1647844977000,
    subEvent: "self_die",
    data: { game: "Minesweeper", event: "self_die", players: [{ uid: "10007", type: undefined }], payload: undefined },
  },
  {
    fixture: "player-status",
    callback: "sud.mg.merchant.player.status",
    id: "0795d77f85789da0eb387a5096",
    eventTime: 1647834452408,
    subEvent: "manage_status",
    data: { event: "manage_status", game: "LUDO" },
  },
  {
    fixture: "game-player-connect-status",
    callback: "sud.mg.merchant.game.player.connect.status",
    id: "xxx",
    eventTime: 1647844976502,
    subEvent: "offline",
    data: {
      game_round_id: "xxx",
      connection: "offline",
      player: { uid: "xxx", offline_timestamp: "1716814942000", offlineAt: 1716814942000, status: 0, offline_seconds: 30 },
    },
    missing: [(b) => delete b.data.player.status, "player.status: required number is missing"],
  },
  {
    fixture: "room-seat-changed",
    callback: "sud.mg.merchant.room.seat.changed",
    id: "xxx",
    eventTime: 1749635780843,
    data: {
      changedAt: 1749635780843,
      seat_changed: [{ uid: "xxx", changed_type: 3, change: "ready" }],
      seat_players: [{ uid: "xxx", seat_index: 0, status: "READY" }],
    },
    missing: [(b) => delete b.data.seat_changed, "seat_changed: required array is missing"],
  },
  {
    fixture: "room-seat-changed.minimal",
    callback: "sud.mg.merchant.room.seat.changed",
    id: "5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a",
    eventTime: 1749635780999,
    data: {
      seat_players: undefined,
      seat_changed: [
        { uid: "10001", change: "sit_down" },
        { uid: "10002", change: "stand_up" },
        { uid: "10003", change: "cancel_ready" },
        { uid: "10004", changed_type: 9, change: "unknown" },
      ],
    },
  },
  {
    fixture: "player-draw-image",
    callback: "sud.mg.merchant.player.draw.image",
    id: "xxx",
    eventTime: 1770112570548,
    data: { uid: "xxx", image_data: "data:image/png;base64,iVBORw0KGgo=", imageMimeType: "image/png", imageDataStart: 22, drawnAt: 1770112570548 },
    missing: [(b) => delete b.data.image_data, "image_data: required string is missing"],
  },
  bullet("connection.closed", "connection-closed", 0),
  bullet("client.start", "client-start", 1),
  bullet("client.closed", "client-closed", 2),
  bullet("game.prepare", "game-prepare", 3),
  bullet("game.start", "game-start", 4),
  bullet("game.settle", "game-settle", 5),
  {
    fixture: "llm-ai-create-result",
    callback: "sud.mg.merchant.llm.ai.create.result",
    id: "xxx",
    eventTime: 1749635780743,
    data: { uid: "xxx", biz_error_code: 0, biz_error_msg: "", succeeded: true },
    missing: [(b) => delete b.data.biz_error_code, "biz_error_code: required number is missing"],
  },
  {
    fixture: "llm-game-situation-summary",
    callback: "sud.mg.merchant.llm.game.situation.summary",
    id: "xxx",
    eventTime: 1749635780743,
    data: { room_id: "xxx", game_round_id: "xxx", situation_summary: "..." },
    missing: [(b) => delete b.data.situation_summary, "situation_summary: required string is missing"],
  },
];

describe("sud-notify types every catalog notification", () => {
  for (const row of ROWS) {
    it(`${row.fixture}: ${row.callback}, id ${row.id}, time ${row.eventTime}`, async () => {
      const h = harness("sud-notify");
      const answer = await h.send(sudCall({ body: fixtureText("sud", row.fixture) }));
      expect(bodyOf(answer)).toEqual(SUCCESS);
      expect(h.delivered).toHaveLength(1);
      const event = h.delivered[0]!;
      expectShape(event, { platform: "sud", callback: row.callback, known: true, id: row.id, eventTime: row.eventTime, data: row.data });
      expect(event.subEvent).toBe(row.subEvent);
    });

    if (row.missing) {
      const [edit, message] = row.missing;
      it(`${row.fixture}: quarantined, naming the field (${message})`, async () => {
        const h = harness("sud-notify");
        const answer = await h.send(sudCall({ body: editFixture("sud", row.fixture, edit) }));
        // Authentic but never passable: quarantined, ret_code 0 so that SUD stops retrying.
        expect(answer.status).toBe(200);
        expect(bodyOf(answer)).toMatchObject({ ret_code: 0, ret_msg: expect.stringContaining(message) });
        expect(h.delivered).toHaveLength(0);
      });
    }
  }

  it("keeps fields SUD adds later, at the top and inside entries, in every event", async () => {
    for (const row of ROWS) {
      const h = harness("sud-notify");
      const lists: string[] = [];
      const body = editFixture("sud", row.fixture, (b) => {
        b.data.added_later = { v: 2 };
        for (const [key, list] of Object.entries(b.data)) if (Array.isArray(list) && typeof list[0] === "object") lists.push(key);
        for (const key of lists) b.data[key][0].added_later = true;
      });
      expect(bodyOf(await h.send(sudCall({ body }))), row.fixture).toEqual(SUCCESS);
      const data = h.delivered[0]!.data as Record<string, any>;
      expect(data.added_later, row.fixture).toEqual({ v: 2 });
      for (const key of lists) expect(data[key][0].added_later, `${row.fixture} ${key}`).toBe(true);
    }
  });
});
