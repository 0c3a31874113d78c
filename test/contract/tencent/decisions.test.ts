import { describe, expect, it, vi } from "vitest";
import { giftCheck } from "../../../shared/platforms/tencent/callbacks/gift-check";
import { bodyOf, harness } from "../../helpers/harness";
import { toInbound } from "../../helpers/events";
import { NOW_MS, TENCENT_APP_ID, TENCENT_TOKEN, tencentCall } from "../../helpers/requests";
import { ENV } from "../../helpers/harness";

const GIFT = "Live.CallbackBeforeSendGift";
const MESSAGE = "Group.CallbackBeforeSendMsg";
const giftBody = {
  CallbackCommand: GIFT,
  Operator_Account: "brennanli",
  RoomId: "room_id",
  GiftWater: { From_Account: "from", To_Account: ["to1"], Time: Math.floor(NOW_MS / 1000), GiftId: "gift1", Count: 1, Coins: 1000 },
};
const messageBody = {
  CallbackCommand: MESSAGE,
  GroupId: "@TGS#2J4SZEAEL",
  Type: "Live",
  From_Account: "jared",
  Operator_Account: "admin",
  Random: 123456,
  MsgId: "144115233406643804-1727580296-4026038328",
  MsgBody: [{ MsgType: "TIMTextElem", MsgContent: { Text: "red packet" } }],
  CloudCustomData: "your cloud custom data",
  EventTime: String(NOW_MS),
};
const call = (command: string, body: object) => tencentCall({ command, body, token: TENCENT_TOKEN });
/** A request whose runtime stops the function 400 ms after receipt: the handler's deadline comes after 150 ms. */
const soon = (command: string, body: object) => toInbound(call(command, body), NOW_MS, { deadlineAt: NOW_MS + 400 });
const never = () => new Promise<never>(() => {});

describe("tencent-live answers the gift check with the app's decision", () => {
  it("allows a gift the handler allows, and delivers the decision with the request to the targets", async () => {
    const h = harness("tencent-live", { handlers: { [GIFT]: () => ({ decision: "allow" }) } });
    const answer = await h.send(call(GIFT, giftBody));
    expect(answer.status).toBe(200);
    expect(bodyOf(answer)).toEqual({ ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "" });
    expect(h.delivered).toHaveLength(1);
    expect(h.delivered[0]).toMatchObject({ callback: GIFT, data: { RoomId: "room_id" }, answer: { data: { decision: "allow" }, source: "handler" } });
  });

  it("denies with a code Tencent passes to the client, and its message", async () => {
    const h = harness("tencent-live", { handlers: { [GIFT]: async () => ({ decision: "deny", code: 102101, message: "insufficient balance" }) } });
    const answer = await h.send(call(GIFT, giftBody));
    expect(answer.status).toBe(200);
    expect(bodyOf(answer)).toEqual({ ActionStatus: "OK", ErrorCode: 102101, ErrorInfo: "insufficient balance" });
  });

  it("denies a plain deny with ErrorCode 1", async () => {
    const h = harness("tencent-live", { handlers: { [GIFT]: () => ({ decision: "deny" }) } });
    expect(bodyOf(await h.send(call(GIFT, giftBody)))).toMatchObject({ ActionStatus: "OK", ErrorCode: 1 });
  });

  it("blocks the gift when no handler is wired (Tencent's own timeout default), warning once at cold start", async () => {
    const h = harness("tencent-live");
    const first = await h.send(call(GIFT, giftBody));
    await h.send(call(GIFT, { ...giftBody, RoomId: "room_2" }));
    expect(bodyOf(first)).toMatchObject({ ActionStatus: "OK", ErrorCode: 1, ErrorInfo: expect.stringContaining("TENCENT_GIFT_CHECK_DEFAULT=deny (missing)") });
    const warnings = h.logs.filter((l) => l.message === "no handler for an answering callback" && l.fields?.callback === GIFT);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.fields).toMatchObject({ default: "deny", setting: "TENCENT_GIFT_CHECK_DEFAULT" });
  });

  it("answers with TENCENT_GIFT_CHECK_DEFAULT=allow when the handler throws", async () => {
    const h = harness("tencent-live", {
      env: { ...ENV.tencent, TENCENT_GIFT_CHECK_DEFAULT: "allow" },
      handlers: {
        [GIFT]: () => {
          throw new Error("db down");
        },
      },
    });
    expect(bodyOf(await h.send(call(GIFT, giftBody)))).toEqual({ ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "" });
    expect(h.logs.find((l) => l.message === "answering callback fell back to its default")?.fields).toMatchObject({ why: "failed", default: "allow" });
    expect(h.delivered[0]!.answer).toEqual({ data: { decision: "allow" }, source: "failed" });
  });

  it("answers with the default before its deadline when the handler never answers", async () => {
    const h = harness("tencent-live", { handlers: { [GIFT]: never } });
    const answer = await h.process(soon(GIFT, giftBody));
    expect(bodyOf(answer)).toMatchObject({ ActionStatus: "OK", ErrorCode: 1 });
    expect(h.logs.find((l) => l.message === "answering callback fell back to its default")?.fields).toMatchObject({ why: "late" });
  });

  it("falls back to the default for an answer the parser refuses when zod cannot be loaded to say why (a bundle without zod.js)", async () => {
    const zodMissing = vi.spyOn(giftCheck.answers.schema, "safeParse").mockImplementation(() => {
      throw new Error("zod (zod.js beside index.js) could not be loaded");
    });
    try {
      const h = harness("tencent-live", { handlers: { [GIFT]: () => ({ decision: "maybe" }) } });
      const answer = await h.send(call(GIFT, giftBody));
      expect(bodyOf(answer)).toMatchObject({ ActionStatus: "OK", ErrorCode: 1 });
      expect(h.logs.find((l) => l.message === "answering callback fell back to its default")?.fields).toMatchObject({ why: "invalid" });
      expect(JSON.stringify(h.logs)).toContain("zod.js beside index.js");
      expect(zodMissing).toHaveBeenCalled();
    } finally {
      zodMissing.mockRestore();
    }
  });

  it("falls back to the default, with a log line saying why, for an answer outside the schema", async () => {
    for (const bad of [{ decision: "deny", code: 102201 }, { decision: "deny", code: 120001 }, { decision: "maybe" }, null, "allow", { decision: "deny", message: 42 }]) {
      const h = harness("tencent-live", { handlers: { [GIFT]: () => bad } });
      const answer = await h.send(call(GIFT, giftBody));
      expect(answer.status).toBe(200);
      expect(bodyOf(answer), JSON.stringify(bad)).toMatchObject({ ActionStatus: "OK", ErrorCode: 1 });
      expect(h.logs.find((l) => l.message === "answering callback fell back to its default")?.fields).toMatchObject({ why: "invalid" });
    }
  });

  it("refuses every request when TENCENT_GIFT_CHECK_DEFAULT is neither allow nor deny, naming the variable", async () => {
    const h = harness("tencent-live", { env: { ...ENV.tencent, TENCENT_GIFT_CHECK_DEFAULT: "maybe" } });
    const answer = await h.send(call(GIFT, giftBody));
    expect(answer.status).toBe(500);
    expect(bodyOf(answer).ErrorInfo).toContain("TENCENT_GIFT_CHECK_DEFAULT must be one of allow, deny");
  });

  it("keeps the answer when a target fails after it, and keeps the decision as a dead letter", async () => {
    const failing = {
      name: "backend",
      send: async () => {
        throw new Error("backend down");
      },
    };
    const h = harness("tencent-live", { handlers: { [GIFT]: () => ({ decision: "allow" }) }, targets: [failing] });
    const answer = await h.send(call(GIFT, giftBody));
    expect(bodyOf(answer)).toEqual({ ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "" });
    const line = h.logs.find((l) => l.message === "callback not delivered");
    expect(line?.fields).toMatchObject({ callback: GIFT, reason: "delivery_failed" });
  });
});

describe("tencent-live answers the message check with the app's decision", () => {
  it("delivers the message when no handler is wired (Tencent's own timeout default)", async () => {
    const h = harness("tencent-live");
    expect(bodyOf(await h.send(call(MESSAGE, messageBody)))).toEqual({ ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "" });
  });

  it("blocks it with TENCENT_MESSAGE_CHECK_DEFAULT=deny when the handler is late", async () => {
    const h = harness("tencent-live", { env: { ...ENV.tencent, TENCENT_MESSAGE_CHECK_DEFAULT: "deny" }, handlers: { [MESSAGE]: never } });
    expect(bodyOf(await h.process(soon(MESSAGE, messageBody)))).toMatchObject({ ActionStatus: "OK", ErrorCode: 1 });
  });

  it("denies with a client-visible code, drops silently, and replaces the body", async () => {
    const cases: Array<[unknown, object]> = [
      [
        { decision: "deny", code: 120001, message: "muted" },
        { ActionStatus: "OK", ErrorCode: 120001, ErrorInfo: "muted" },
      ],
      [{ decision: "drop" }, { ActionStatus: "OK", ErrorCode: 2, ErrorInfo: "" }],
      [
        { decision: "allow", MsgBody: [{ MsgType: "TIMTextElem", MsgContent: { Text: "***" } }], CloudCustomData: "checked" },
        { ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "", MsgBody: [{ MsgType: "TIMTextElem", MsgContent: { Text: "***" } }], CloudCustomData: "checked" },
      ],
    ];
    for (const [given, expected] of cases) {
      const h = harness("tencent-live", { handlers: { [MESSAGE]: () => given } });
      const answer = await h.send(call(MESSAGE, messageBody));
      expect(answer.status).toBe(200);
      expect(bodyOf(answer)).toEqual(expected);
      expect(h.delivered[0]).toMatchObject({ callback: MESSAGE, answer: { data: given, source: "handler" } });
    }
  });

  it("falls back for a code outside 120001-130000 or an empty replacement body", async () => {
    for (const bad of [
      { decision: "deny", code: 102101 },
      { decision: "allow", MsgBody: [] },
      { decision: "allow", MsgBody: [{ MsgType: "" }] },
    ]) {
      const h = harness("tencent-live", { handlers: { [MESSAGE]: () => bad } });
      expect(bodyOf(await h.send(call(MESSAGE, messageBody))), JSON.stringify(bad)).toEqual({ ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "" });
    }
  });

  it("falls back when the answer cannot be written as JSON", async () => {
    const h = harness("tencent-live", { handlers: { [MESSAGE]: () => ({ decision: "allow", MsgBody: [{ MsgType: "TIMCustomElem", MsgContent: { Data: 1n } }] }) } });
    const answer = await h.send(call(MESSAGE, messageBody));
    expect(bodyOf(answer)).toEqual({ ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "" });
  });
});

void TENCENT_APP_ID;
