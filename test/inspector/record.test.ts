// What the inspector keeps of each request, over its JSON API: the request in full, the answer, the
// event (or why none), each target's result and the function's own log lines, in a bounded history.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCallback } from "../../scripts/send/build";
import { deliverCallback } from "../../scripts/send/deliver";
import { emulator, ensureBuilt, TEST_ENV, type TestEmulator } from "../emulator/support";
import { startLoopback, type Loopback } from "../helpers/loopback";
import { FORWARD_SECRET } from "../redis/helpers/backend";
import { call, recordOf } from "./support";

const requestIdOf = (headers: Record<string, string>) => headers["x-fc-request-id"] ?? headers["apigw-requestid"] ?? "";

let em: TestEmulator;
beforeAll(async () => {
  ensureBuilt();
  em = await emulator();
});
afterAll(() => em?.close());

describe("the record of one request", () => {
  it("holds the query, headers, exact body, answer, typed event and the function's own log lines", async () => {
    const { request } = buildCallback("tencent-live-battle-end", { settings: TEST_ENV });
    const delivery = await deliverCallback(request, `${em.url}/fc/tencent-live-battle-end`);
    const record = await recordOf(em, requestIdOf(delivery.headers));

    expect(record).toMatchObject({ via: "fc-http", fn: "tencent-live-battle-end", method: "POST", path: "/fc/tencent-live-battle-end", callback: "Live.CallbackAfterEndBattle" });
    expect(record.query).toContainEqual(["CallbackCommand", "Live.CallbackAfterEndBattle"]);
    expect(record.query).toContainEqual(["Sign", request.query.Sign]);
    expect(record.headers.map(([name]: string[]) => name!.toLowerCase())).toContain("content-type");
    expect(record.body.text).toBe(request.body);
    // Pretty JSON keeps an 18-digit account whole, as the functions read it.
    const account = /"Owner_Account":(\d{18})/.exec(request.body)![1]!;
    expect(record.body.json).toContain(`"Owner_Account": ${account}`);
    expect(record.answer).toMatchObject({ status: 200, body: { text: delivery.body } });
    expect(record.verdict).toMatchObject({ kind: "accepted", platform: "tencent-live" });
    expect(record.event).toMatchObject({ callback: "Live.CallbackAfterEndBattle", platform: "tencent-live", data: { endReason: "time_up" } });
    expect(record.targets).toEqual([]);
    expect(record.lines.map((l: { text: string }) => JSON.parse(l.text).msg)).toContain("callback accepted");
    expect(record.build.hash).toMatch(/^[0-9a-f]{10}$/);
    expect(record.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("says why no event was delivered: a bad signature, a quarantine (kept as a dead letter), a duplicate", async () => {
    const bad = buildCallback("sud-player-status", { settings: TEST_ENV, badSignature: true }).request;
    const refused = await recordOf(em, requestIdOf((await deliverCallback(bad, `${em.url}/fc/sud-player-status`)).headers));
    expect(refused.verdict).toMatchObject({ kind: "refused", platform: "sud" });
    expect(refused.verdict.detail).toContain("signature_invalid");
    expect(refused.event).toBeUndefined();
    expect(refused.noEvent).toContain("signature_invalid");

    const wrong = buildCallback("tencent-live-battle-end", { settings: TEST_ENV }).request;
    const quarantined = await recordOf(em, requestIdOf((await deliverCallback(wrong, `${em.url}/fc/tencent-live-battle-start`)).headers));
    expect(quarantined.verdict.kind).toBe("quarantined");
    expect(quarantined.noEvent).toContain("wrong_callback");
    expect(quarantined.deadLetter).toBe("log");

    const twice = buildCallback("tencent-live-room-destroyed", { settings: TEST_ENV }).request;
    await deliverCallback(twice, `${em.url}/tencent-live-room-destroyed`);
    const again = await deliverCallback(twice, `${em.url}/tencent-live-room-destroyed`);
    const duplicate = await recordOf(em, requestIdOf(again.headers));
    expect(duplicate).toMatchObject({ via: "aws", fn: "tencent-live-room-destroyed", verdict: { kind: "duplicate" } });
    expect(duplicate.noEvent).toContain("duplicate");
  });

  it("lists the requests newest first, filtered by function, platform, verdict and a text in the body", async () => {
    const marked = buildCallback("sud-unknown", { settings: TEST_ENV, set: ["data.room_id=needle-in-the-body"] }).request;
    const id = requestIdOf((await deliverCallback(marked, `${em.url}/fc/sud-notify`)).headers);
    await recordOf(em, id);
    const all = (await call(em, "/requests")).json.requests;
    expect(all[0].id).toBe(id);
    expect(all.map((r: { seq: number }) => r.seq)).toEqual([...all.map((r: { seq: number }) => r.seq)].sort((a, b) => b - a));
    const found = (await call(em, "/requests?q=NEEDLE-in-the")).json.requests;
    expect(found.map((r: { id: string }) => r.id)).toEqual([id]);
    const sud = (await call(em, "/requests?platform=sud&verdict=accepted&fn=sud-notify")).json.requests;
    expect(sud.map((r: { id: string }) => r.id)).toContain(id);
    expect(sud.every((r: any) => r.platform === "sud" && r.verdict.kind === "accepted" && r.fn === "sud-notify")).toBe(true);
  });
});

describe("each target's result", () => {
  let backend: Loopback;
  let fails = false;
  let forwarding: TestEmulator;
  beforeAll(async () => {
    backend = await startLoopback((_req, res) => {
      res.statusCode = fails ? 500 : 200;
      res.end();
    });
    forwarding = await emulator({ env: { ...TEST_ENV, FORWARD_URL: `${backend.origin}/hooks`, FORWARD_SECRET } });
  });
  afterAll(async () => {
    await forwarding?.close();
    await backend?.close();
  });

  it("shows the forward delivered, then failed with its error", async () => {
    const ok = buildCallback("tencent-live-battle-start", { settings: TEST_ENV }).request;
    const delivered = await recordOf(forwarding, requestIdOf((await deliverCallback(ok, `${forwarding.url}/fc/tencent-live-battle-start`)).headers));
    expect(delivered.targets).toEqual([{ name: "forward", result: "delivered" }]);

    fails = true;
    const ko = buildCallback("tencent-live-battle-start", { settings: TEST_ENV }).request;
    const failed = await recordOf(forwarding, requestIdOf((await deliverCallback(ko, `${forwarding.url}/fc/tencent-live-battle-start`)).headers));
    expect(failed.verdict.kind).toBe("refused");
    expect(failed.targets).toEqual([{ name: "forward", result: "failed", detail: expect.stringContaining("HTTP 500") }]);
    expect(failed.deadLetter).toBe("log");
  });
});

describe("the history", () => {
  it("keeps the newest requests up to its limit and drops the oldest", async () => {
    const small = await emulator({ historyLimit: 5 });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) {
        const { request } = buildCallback("sud-unknown", { settings: TEST_ENV });
        ids.push(requestIdOf((await deliverCallback(request, `${small.url}/fc/sud-notify`)).headers));
      }
      await recordOf(small, ids.at(-1)!);
      const { json } = await call(small, "/requests");
      expect(json.requests.map((r: { id: string }) => r.id)).toEqual(ids.slice(3).reverse());
      expect(json.history).toMatchObject({ limit: 5, size: 5, dropped: 3 });
      expect((await call(small, `/requests/1`)).status).toBe(404);
    } finally {
      await small.close();
    }
  });
});
