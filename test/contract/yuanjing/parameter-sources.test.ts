/**
 * A TOP-signed 元镜 call is read from one parameter map: the sign, the timestamp window and the fields
 * the function delivers all see the same values. A captured signed call cannot be given a second
 * value for a parameter (in the query and the form body, or in a header `top-sign-list` names, or in
 * the query and the JSON body): such a call is refused, never read one way and verified another.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixtureText } from "../../helpers/fixtures";
import { bodyOf, harness } from "../../helpers/harness";
import { type HttpCall, httpCall } from "../../helpers/events";
import { NOW_MS, TOP_SECRET, topCall } from "../../helpers/requests";
import { topSign, topTimestamp } from "../../helpers/sign";
import { RUNS } from "../../fuzz/arbitraries";

const HOUR = 3600_000;
const FN = "yuanjing-session-lifecycle";
const param = () => JSON.parse(fixtureText("yuanjing", "session-lifecycle")).request_param;
const forgedParam = () => JSON.stringify({ ...param(), game_session_id: "forged-session", account_id: "forged-account" });
const errorOf = (answer: { body: string }) => bodyOf(answer).error_response as { sub_code: string; sub_msg: string };

/** A signed call with request_param in the query and an empty body, as a GET-style SPI call. */
const signedQueryCall = (at = NOW_MS) => topCall({ secret: TOP_SECRET, at, query: { request_param: JSON.stringify(param()) } });

describe("a captured signed call cannot carry a second value for a parameter", () => {
  it("a fresh query timestamp with the signed one moved into a top-sign-list header does not skip the window", async () => {
    const h = harness(FN);
    const captured = topCall({ body: fixtureText("yuanjing", "session-lifecycle"), secret: TOP_SECRET, at: NOW_MS - 2 * HOUR });
    expect(errorOf(await h.send(captured)).sub_code).toBe("isv.invalid-timestamp");

    const forged: HttpCall = {
      ...captured,
      query: { ...captured.query, timestamp: topTimestamp(NOW_MS) },
      headers: { ...captured.headers, "top-sign-list": "timestamp", timestamp: captured.query.timestamp! },
    };
    const answer = await h.send(forged);
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({
      sub_code: "isv.invalid-parameter",
      sub_msg: expect.stringContaining("timestamp arrives in both the query and a header named in top-sign-list"),
    });
    expect(h.delivered).toHaveLength(0);
  });

  it("a form body cannot replace a request_param the query signed", async () => {
    const h = harness(FN);
    const captured = signedQueryCall();
    const forged: HttpCall = {
      ...captured,
      headers: { ...captured.headers, "Content-Type": "application/x-www-form-urlencoded" },
      body: Buffer.from(new URLSearchParams({ request_param: forgedParam() }).toString()),
    };
    const answer = await h.send(forged);
    expect(answer.status).toBe(400);
    expect(errorOf(answer).sub_msg).toContain("request_param arrives in both the query and the form body");
    expect(h.delivered).toHaveLength(0);
    // The call as signed is accepted.
    expect((await h.send(captured)).status).toBe(200);
    expect(h.delivered.map((e) => (e.data as { game_session_id: string }).game_session_id)).toEqual(["gameSessionId"]);
  });

  it("a query value cannot be changed by moving the signed one into a top-sign-list header", async () => {
    const h = harness(FN);
    const captured = signedQueryCall();
    const forged: HttpCall = {
      ...captured,
      query: { ...captured.query, request_param: forgedParam() },
      headers: { ...captured.headers, "top-sign-list": "request_param", request_param: captured.query.request_param! },
    };
    const answer = await h.send(forged);
    expect(answer.status).toBe(400);
    expect(errorOf(answer).sub_msg).toContain("request_param arrives in both the query and a header named in top-sign-list");
    expect(h.delivered).toHaveLength(0);
  });

  it("a form field and a top-sign-list header of the same name are refused", async () => {
    const h = harness(FN);
    const call = topCall({ form: { request_param: JSON.stringify(param()), fc_name: "cg" }, signedHeaders: { fc_name: "cg" }, secret: TOP_SECRET });
    const answer = await h.send(call);
    expect(answer.status).toBe(400);
    expect(errorOf(answer).sub_msg).toContain("fc_name arrives in both the form body and a header named in top-sign-list");
  });

  it("fc_group, fc_name or request_param in both the query and a JSON body are quarantined (signed, so authentic), whichever values they hold", async () => {
    const h = harness(FN);
    const body = fixtureText("yuanjing", "session-lifecycle");
    for (const [key, value] of [
      ["fc_name", "cg"],
      ["fc_name", "other"],
      ["fc_group", "fc-dg-common"],
      ["request_param", forgedParam()],
    ] as const) {
      const answer = await h.send(topCall({ body, secret: TOP_SECRET, query: { [key]: value } }));
      expect(answer.status, `${key}=${value}`).toBe(200);
      expect(bodyOf(answer).result.message).toMatch(/^quarantined: isv\.invalid-parameter: /);
      expect(bodyOf(answer).result.message).toContain(`${key} arrives in both the query and the JSON body`);
    }
    expect(h.delivered).toHaveLength(0);
    // One body, so one quarantined letter: the copies are taken for its retries (a quarantine is named by the body).
    expect(h.logs.filter((l) => l.message === "dead letter")).toHaveLength(1);
  });

  it("format in the query and the form body is refused too, so the answer's dialect is never read one way and signed another", async () => {
    const h = harness(FN);
    const call = topCall({ form: { request_param: JSON.stringify(param()), format: "xml" }, secret: TOP_SECRET, format: "json" });
    const answer = await h.send(call);
    expect(answer.status).toBe(400);
    expect(errorOf(answer).sub_msg).toContain("format arrives in both the query and the form body");
  });

  it("a refused unsigned call names the clash too when unsigned HTTP is allowed", async () => {
    const h = harness(FN, { env: { YUANJING_ALLOW_UNSIGNED_HTTP: "true" } });
    const call = httpCall({
      query: { fc_name: "cg" },
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ fc_name: "cg", request_param: JSON.stringify(param()) }).toString(),
    });
    const answer = await h.send(call);
    expect(answer.status).toBe(400);
    expect(errorOf(answer).sub_msg).toContain("fc_name arrives in both the query and the form body");
  });
});

type Place = "query" | "form" | "header";
const KEYS = ["app_key", "timestamp", "sign_method", "target_app_key", "format", "fc_group", "fc_name", "request_param"] as const;
const placeArb = fc.constantFrom<Place>("query", "form", "header");

/** A call with each parameter given in the places listed, signed over exactly those by the independent signer. */
function placedCall(places: Record<string, Array<[Place, string]>>, secret = TOP_SECRET): HttpCall {
  const into: Record<Place, Record<string, string>> = { query: {}, form: {}, header: {} };
  for (const [key, given] of Object.entries(places)) for (const [place, value] of given) into[place][key] = value;
  const { query, form, header } = into;
  const isForm = Object.keys(form).length > 0;
  const headers: Record<string, string> = { "content-type": isForm ? "application/x-www-form-urlencoded" : "application/json" };
  if (Object.keys(header).length) headers["top-sign-list"] = Object.keys(header).join(",");
  Object.assign(headers, header);
  const body = isForm ? new URLSearchParams(form).toString() : "";
  const sign = topSign(secret, { query, signedHeaders: header, ...(isForm ? { form } : { body }) });
  return httpCall({ method: "POST", query: { ...query, sign }, headers, body });
}

const baseValues = (sessionId = "gameSessionId"): Record<string, string> => ({
  app_key: "12345678",
  timestamp: topTimestamp(NOW_MS),
  sign_method: "md5",
  target_app_key: "87654321",
  format: "json",
  fc_group: "fc-dg-common",
  fc_name: "cg",
  request_param: JSON.stringify({ ...param(), game_session_id: sessionId }),
});

describe("properties: what is delivered is what was signed", () => {
  it("each parameter in any one place (query, form body, top-sign-list header): accepted, and read as signed", async () => {
    const h = harness(FN);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.tuple(...KEYS.map(() => placeArb)), async (where) => {
        const id = `gs-${n++}`;
        const values = baseValues(id);
        const places = Object.fromEntries(KEYS.map((key, i) => [key, [[where[i]!, values[key]!]] as Array<[Place, string]>]));
        const answer = await h.send(placedCall(places));
        expect(answer.status, JSON.stringify(where)).toBe(200);
        expect(h.delivered.at(-1)!.data).toMatchObject({ game_session_id: id });
      }),
      { numRuns: 100 },
    );
  });

  it("any parameter also given in a second place, with the same or another value, is refused naming it, and nothing is delivered", async () => {
    const h = harness(FN);
    await fc.assert(
      fc.asyncProperty(fc.tuple(...KEYS.map(() => placeArb)), fc.constantFrom(...KEYS), placeArb, fc.boolean(), async (where, twice, second, same) => {
        const values = baseValues();
        const places = Object.fromEntries(KEYS.map((key, i) => [key, [[where[i]!, values[key]!]] as Array<[Place, string]>]));
        const first = places[twice]![0]![0];
        fc.pre(first !== second);
        places[twice]!.push([second, same ? values[twice]! : `${values[twice]}-forged`]);
        const answer = await h.send(placedCall(places));
        expect(answer.status, JSON.stringify(places[twice])).toBe(400);
        expect(errorOf(answer)).toMatchObject({ sub_code: "isv.invalid-parameter", sub_msg: expect.stringContaining(`${twice} arrives in both`) });
      }),
      RUNS,
    );
    expect(h.delivered).toHaveLength(0);
  });
});
