// The sender builds any catalog callback by its short or platform name, removes fields (--unset),
// and sends a body from a file exactly as it is, signed over those bytes.
import { describe, expect, it } from "vitest";
import { verifySudSignature } from "../../shared/platforms/sud/sign";
import { buildCallback } from "../../scripts/send/build";
import { CATALOGUE, findCallback } from "../../scripts/send/catalogue";
import { SUD_APP_ID, SUD_SECRET, TENCENT_APP_ID, TENCENT_TOKEN } from "../helpers/requests";

const SETTINGS = { TENCENT_SDK_APP_ID: TENCENT_APP_ID, TENCENT_CALLBACK_TOKEN: TENCENT_TOKEN, SUD_APP_ID, SUD_APP_SECRET: SUD_SECRET };

describe("the sender's catalogue", () => {
  it("knows each callback by its short name, the platform's own name and its aliases", () => {
    expect(findCallback("tencent-live-battle-end")?.callback).toBe("Live.CallbackAfterEndBattle");
    expect(findCallback("Live.CallbackAfterEndBattle")?.name).toBe("tencent-live-battle-end");
    expect(findCallback("Live.CallbackMemberStateChanged")?.callback).toBe("Live.CallbackAfterMemberStateChanged");
    expect(findCallback("sud.mg.merchant.order.changed")?.fn).toBe("sud-notify");
    // A callback with its own function is sent there; the rest to the platform's one URL.
    expect(findCallback("sud-player-status")?.fn).toBe("sud-player-status");
    expect(new Set(CATALOGUE.map((c) => c.name)).size).toBe(CATALOGUE.length);
  });

  it("--unset removes a body field, an array item, or a query parameter before signing", () => {
    const { request } = buildCallback("sud.mg.merchant.order.changed", { settings: SETTINGS, unset: ["data.order_id", "header.User-Agent"] });
    expect(JSON.parse(request.body).data).not.toHaveProperty("order_id");
    const tencent = buildCallback("Live.CallbackAfterEndBattle", { settings: SETTINGS, unset: ["ToRoomList.0", "query.ClientIP"] }).request;
    expect(JSON.parse(tencent.body).ToRoomList).toEqual([]);
    expect(tencent.query).not.toHaveProperty("ClientIP");
    expect(() => buildCallback("Live.CallbackAfterEndBattle", { settings: SETTINGS, unset: ["NoSuchField.x"] })).toThrow(/--unset NoSuchField\.x: the body has no NoSuchField/);
  });

  it("a body from a file goes byte for byte, signed over those bytes; only query and headers may be edited beside it", () => {
    const body = '{"notify_id" : "prod-1",  "notify_time":"1647834452408","notify_event":"sud.mg.merchant.order.changed","data":{"x":1}}';
    const { request } = buildCallback("sud.mg.merchant.order.changed", { settings: SETTINGS, body, now: 1_700_000_000_000 });
    expect(request.body).toBe(body);
    const h = request.headers;
    expect(verifySudSignature([SUD_SECRET], SUD_APP_ID, h["Sud-Timestamp"]!, h["Sud-Nonce"]!, Buffer.from(body), h["Sud-Signature"]!)).toBe(true);
    expect(() => buildCallback("sud.mg.merchant.order.changed", { settings: SETTINGS, body, set: ["data.x=2"] })).toThrow(/sent as it is/);
  });
});
