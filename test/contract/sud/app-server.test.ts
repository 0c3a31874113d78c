import { describe, expect, it } from "vitest";
import { fixtureText } from "../../helpers/fixtures";
import { bodyOf, harness } from "../../helpers/harness";
import { toInbound } from "../../helpers/events";
import { NOW_MS, SUD_SECRET, sudCall } from "../../helpers/requests";

const call = (path: string, fixture: string) => sudCall({ path, body: fixtureText("sud", `app-server/${fixture}`) });
const EXPIRES = 1630417861359;

describe("sud-app-server: SUD's app-server interfaces by the last segment of the URL", () => {
  it("answers get_sstoken with the handler's token, as HTTP 200 ret_code 0, expire_date_str added", async () => {
    const h = harness("sud-app-server", {
      handlers: {
        get_sstoken: (event: any) => ({
          data: {
            ss_token: `token-for-${event.data.code}`,
            expire_date: EXPIRES,
            user_info: { uid: "1380100177150345266", nick_name: "萌萌", avatar_url: "https://icon.png", gender: "female" },
          },
        }),
      },
    });
    const answer = await h.send(call("/sud/get_sstoken", "get-sstoken"));
    expect(answer.status).toBe(200);
    expect(bodyOf(answer)).toEqual({
      ret_code: 0,
      ret_msg: "SUCCESS",
      sdk_error_code: 0,
      data: { ss_token: "token-for-c0de-FROM-CLIENT-1", expire_date: EXPIRES, expire_date_str: String(EXPIRES), user_info: expect.objectContaining({ nick_name: "萌萌" }) },
    });
    // The login is an event for the targets, without the client's code or the token in what they write out.
    expect(h.delivered).toHaveLength(1);
    const written = JSON.stringify({ ...h.delivered[0], raw: undefined });
    expect(written).not.toContain("c0de-FROM-CLIENT-1");
    expect(written).not.toContain("token-for-");
    expect(h.delivered[0]!.answer?.source).toBe("handler");
    expect(h.logs.map((l) => l.text).join("\n")).not.toContain("token-for-");
  });

  it("passes a business error through as HTTP 200, with sdk_error_code 1005 for an expired code", async () => {
    const h = harness("sud-app-server", { handlers: { get_sstoken: () => ({ error: { ret_code: 1, ret_msg: "token expired", sdk_error_code: 1005 } }) } });
    const answer = await h.send(call("/prefix/get_sstoken", "get-sstoken"));
    expect(answer.status).toBe(200);
    expect(bodyOf(answer)).toEqual({ ret_code: 1, ret_msg: "token expired", sdk_error_code: 1005, data: {} });
  });

  it("says not implemented, clearly, for an interface without a handler", async () => {
    const h = harness("sud-app-server");
    for (const [path, fixture] of [
      ["/x/update_sstoken", "update-sstoken"],
      ["/x/get_user_info", "get-user-info"],
    ] as const) {
      const answer = await h.send(call(path, fixture));
      expect(answer.status).toBe(200);
      expect(bodyOf(answer)).toMatchObject({ ret_code: 1, ret_msg: expect.stringMatching(/^not implemented: the app server has no handler for (update_sstoken|get_user_info)$/) });
    }
    expect(h.logs.filter((l) => l.message === "no handler for an answering callback").map((l) => l.fields?.callback)).toContain("get_sstoken");
  });

  it("answers with a business error when the handler throws or answers off-shape; never ret_code 0 without data", async () => {
    for (const bad of [
      () => {
        throw new Error("db");
      },
      () => ({ data: { ss_token: "", expire_date: 1 } }),
      () => ({ error: { ret_code: 0, ret_msg: "" } }),
      () => "ok",
    ]) {
      const h = harness("sud-app-server", { handlers: { update_sstoken: bad } });
      const answer = await h.send(call("/x/update_sstoken", "update-sstoken"));
      expect(answer.status).toBe(200);
      expect(bodyOf(answer)).toMatchObject({ ret_code: 1, ret_msg: expect.stringMatching(/^the app server could not answer update_sstoken \((failed|invalid)\)$/) });
    }
  });

  it("answers with a business error before SUD's deadline when the handler is late, its signal aborted", async () => {
    let aborted: AbortSignal | undefined;
    const h = harness("sud-app-server", { handlers: { get_sstoken: (_event: any, signal: AbortSignal) => ((aborted = signal), new Promise(() => {})) } });
    // The runtime stops the function 400 ms after receipt: the handler gets what is left of that, less the margin.
    const answer = await h.process(toInbound(call("/x/get_sstoken", "get-sstoken"), NOW_MS, { deadlineAt: NOW_MS + 400 }));
    expect(answer.status).toBe(200);
    expect(bodyOf(answer)).toEqual({ ret_code: 1, ret_msg: "the app server could not answer get_sstoken (late)", data: {} });
    expect(aborted?.aborted).toBe(true);
    expect(h.delivered[0]!.answer?.source).toBe("late");
  });

  it("acknowledges report_game_info after hand-off, once per round and report type, the big mg_id as its digits", async () => {
    const h = harness("sud-app-server");
    for (let i = 0; i < 2; i++) {
      const answer = await h.send(call("/x/report_game_info", "report-game-info"));
      expect(answer.status).toBe(200);
      expect(bodyOf(answer)).toEqual({ ret_code: 0, ret_msg: "SUCCESS" });
    }
    expect(h.delivered).toHaveLength(1);
    expect(h.delivered[0]).toMatchObject({
      id: "report_game_info:ce56b6lzi1a7-cehorlmy01pq-cqkdd39jyrmz:game_settle",
      eventTime: 1638845720000,
      data: { report_msg: { mg_id: "1461227817776713818" } },
    });
  });

  it("asks for a retry (non-200) when report_game_info cannot be delivered", async () => {
    const failing = {
      name: "backend",
      send: async () => {
        throw new Error("down");
      },
    };
    const h = harness("sud-app-server", { targets: [failing] });
    const answer = await h.send(call("/x/report_game_info", "report-game-info"));
    expect(answer.status).toBe(503);
    expect(bodyOf(answer).ret_code).toBe(503);
  });

  it("refuses a bad signature with 401, and quarantines an interface it does not serve as ret_code 1", async () => {
    const h = harness("sud-app-server");
    const forged = sudCall({ path: "/x/get_sstoken", body: fixtureText("sud", "app-server/get-sstoken"), secret: `${SUD_SECRET}x` });
    expect((await h.send(forged)).status).toBe(401);
    const unknown = await h.send(sudCall({ path: "/x/get_everything", body: "{}" }));
    expect(unknown.status).toBe(200);
    expect(bodyOf(unknown)).toMatchObject({ ret_code: 1, ret_msg: expect.stringContaining("this function serves get_sstoken") });
  });
});

describe("single-interface SUD functions answer their interface at any path", () => {
  it("sud-get-sstoken answers get_sstoken at /", async () => {
    const h = harness("sud-get-sstoken", { handlers: { get_sstoken: () => ({ data: { ss_token: "t", expire_date: EXPIRES } }) } });
    const answer = await h.send(call("/", "get-sstoken"));
    expect(bodyOf(answer)).toMatchObject({ ret_code: 0, data: { ss_token: "t", expire_date: EXPIRES } });
  });

  it("sud-report-game-info acknowledges a report at any path", async () => {
    const h = harness("sud-report-game-info");
    expect(bodyOf(await h.send(call("/anything", "report-game-info")))).toEqual({ ret_code: 0, ret_msg: "SUCCESS" });
    expect(h.delivered).toHaveLength(1);
  });
});
