// The sender builds any catalog callback by its short or platform name, removes fields (--unset),
// and sends a body from a file exactly as it is, signed over those bytes.
import { describe, expect, it } from "vitest";
import { verifySudSignature } from "../../shared/platforms/sud/sign";
import { buildCallback } from "../../scripts/send/build";
import { CATALOGUE, findCallback } from "../../scripts/send/catalogue";
import { destinationOf } from "../../scripts/send/target";
import { targetUrl } from "../../scripts/emulator/inspector/sender";
import { readVerdict } from "../../scripts/emulator/verdict";
import { fileURLToPath } from "node:url";
import { SUD_APP_ID, SUD_SECRET, TENCENT_APP_ID, TENCENT_TOKEN } from "../helpers/requests";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
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

describe("the sender's SUD app-server interfaces", () => {
  const INTERFACES = ["get_sstoken", "update_sstoken", "get_user_info", "report_game_info", "get_account", "get_score", "update_score"];
  const where = { via: "fc-http" as const, base: "http://127.0.0.1:9000", root: ROOT, settings: SETTINGS };

  it("knows every interface by short name and by SUD's name; each goes to its own function, else to sud-app-server", () => {
    for (const name of INTERFACES) {
      const short = `sud-${name.replace(/_/g, "-")}`;
      expect(findCallback(short)?.callback).toBe(name);
      expect(findCallback(name)?.name).toBe(short);
    }
    expect(findCallback("sud-get-sstoken")?.fn).toBe("sud-get-sstoken");
    expect(findCallback("sud-report-game-info")?.fn).toBe("sud-report-game-info");
    expect(findCallback("sud-get-account")?.fn).toBe("sud-app-server");
    expect(findCallback("sud-update-score")?.fn).toBe("sud-app-server");
  });

  it("sends to the interface's own function at its URL, and to sud-app-server at <url>/<interface>", () => {
    const token = findCallback("sud-get-sstoken")!;
    expect(destinationOf(token, where)).toBe("http://127.0.0.1:9000/fc/sud-get-sstoken");
    expect(destinationOf(token, { ...where, to: "sud-app-server" })).toBe("http://127.0.0.1:9000/fc/sud-app-server/get_sstoken");
    expect(destinationOf(findCallback("update_score")!, where)).toBe("http://127.0.0.1:9000/fc/sud-app-server/update_score");
    // A deployed prefix, with or without a trailing slash or a query; a deployed own function as given.
    expect(destinationOf(findCallback("get_account")!, { ...where, url: "https://x.fcapp.run/sud/" })).toBe("https://x.fcapp.run/sud/get_account");
    expect(destinationOf(findCallback("get_account")!, { ...where, url: "https://x.fcapp.run/sud?k=v" })).toBe("https://x.fcapp.run/sud/get_account?k=v");
    expect(destinationOf(token, { ...where, url: "https://y.fcapp.run/" })).toBe("https://y.fcapp.run/");
    // The AWS route's {interface} is the interface; a function's own route as it is.
    expect(destinationOf(findCallback("get_score")!, { ...where, via: "aws" })).toBe("http://127.0.0.1:9000/sud-app-server/get_score");
    expect(destinationOf(token, { ...where, via: "aws" })).toBe("http://127.0.0.1:9000/sud-get-sstoken");
  });

  it("the inspector's send form reaches the same URLs", () => {
    expect(targetUrl(where.base, "sud-get-account", "sud-app-server", "fc-http", ROOT, SETTINGS)).toBe("http://127.0.0.1:9000/fc/sud-app-server/get_account");
    expect(targetUrl(where.base, "sud-get-sstoken", "sud-get-sstoken", "aws", ROOT, SETTINGS)).toBe("http://127.0.0.1:9000/sud-get-sstoken");
    expect(targetUrl(where.base, "sud-player-status", "sud-notify", "fc-http", ROOT, SETTINGS)).toBe("http://127.0.0.1:9000/fc/sud-notify");
  });

  it("builds each interface's bare request (no notify envelope), signed over its bytes, with fresh ids", () => {
    for (const name of INTERFACES) {
      const [a, b] = [buildCallback(name, { settings: SETTINGS }).request, buildCallback(name, { settings: SETTINGS }).request];
      expect(JSON.parse(a.body)).not.toHaveProperty("notify_event");
      expect(a.body).not.toBe(b.body);
      const h = a.headers;
      expect(verifySudSignature([SUD_SECRET], SUD_APP_ID, h["Sud-Timestamp"]!, h["Sud-Nonce"]!, Buffer.from(a.body), h["Sud-Signature"]!), name).toBe(true);
    }
  });

  it("reads an app-server answer: its ret_code, ret_msg, sdk_error_code and data as given (the app's token too)", () => {
    const body = JSON.stringify({ ret_code: 0, ret_msg: "SUCCESS", sdk_error_code: 0, data: { ss_token: "tok-123", expire_date: 1 } });
    expect(readVerdict(200, body)).toMatchObject({ accepted: true, answer: 'ret_code 0 (SUCCESS), sdk_error_code 0, data {"ss_token":"tok-123","expire_date":1}' });
    const expired = JSON.stringify({ ret_code: 1, ret_msg: "code expired", sdk_error_code: 1005, data: {} });
    expect(readVerdict(200, expired)).toMatchObject({
      accepted: false,
      kind: "refused",
      detail: "code expired",
      answer: "ret_code 1 (code expired), sdk_error_code 1005, data {}",
    });
    // A notification's ack has no data: nothing more to print.
    expect(readVerdict(200, '{"ret_code":0,"ret_msg":"SUCCESS"}').answer).toBeUndefined();
  });
});
