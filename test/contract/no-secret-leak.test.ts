import { describe, expect, it } from "vitest";
import type { Env } from "../../shared/core/config";
import { readVerdict } from "../../scripts/emulator/verdict";
import { fcHttpBuffer, httpCall } from "../helpers/events";
import { fixtureText } from "../helpers/fixtures";
import { ENV, harness, type Harness } from "../helpers/harness";
import type { FunctionName } from "../helpers/functions";
import { LETTER_KEY, LETTER_KEY_TEXT, NOW_MS, SUD_APP_ID, SUD_SECRET, sudCall, TENCENT_APP_ID, TENCENT_TOKEN, tencentCall, TOP_SECRET, topCall } from "../helpers/requests";

const SECRETS = [TENCENT_TOKEN, SUD_SECRET, TOP_SECRET, LETTER_KEY, LETTER_KEY_TEXT, "REDIS-PASSWORD-SECRET", "whsec_dG9vLXNob3J0"];

/** Every answer body and header, and every log line, checked for every configured secret. */
function expectNoSecrets(h: Harness, answers: AnswerLike[]) {
  const texts = [...answers.map((a) => `${a.body} ${JSON.stringify(a.headers)}`), ...h.logs.map((l) => l.text)];
  expect(texts.length).toBeGreaterThan(answers.length);
  for (const text of texts) for (const secret of SECRETS) expect(text).not.toContain(secret);
}

type AnswerLike = { status: number; headers: Readonly<Record<string, string>>; body: string };

async function refusedAll(fn: FunctionName, send: (h: Harness) => Array<Promise<AnswerLike>>) {
  const h = harness(fn);
  const answers = await Promise.all(send(h));
  // Refused, or quarantined (answered "received" so the platform stops retrying): never accepted.
  for (const answer of answers) expect(readVerdict(answer.status, answer.body).accepted, answer.body).toBe(false);
  expectNoSecrets(h, answers);
}

describe("refused requests never show a configured token or secret, in the answer or the log", () => {
  it("Tencent: unsigned, wrongly signed, expired, foreign app, invalid body, wrong method", async () => {
    const body = fixtureText("tencent", "battle-start");
    const command = "Live.CallbackAfterStartBattle";
    await refusedAll("tencent-live-battle-start", (h) => [
      h.send(tencentCall({ command, body })),
      h.send(tencentCall({ command, body, token: `${TENCENT_TOKEN}x` })),
      h.send(tencentCall({ command, body, token: TENCENT_TOKEN, requestTime: NOW_MS / 1000 - 600 })),
      h.send(tencentCall({ command, body, token: TENCENT_TOKEN, appId: "1" })),
      h.send(tencentCall({ command, body: "{}", token: TENCENT_TOKEN })),
      h.send(tencentCall({ command, body, token: TENCENT_TOKEN, method: "GET" })),
    ]);
  });

  it("SUD: wrong secret, missing headers, foreign app, invalid envelope", async () => {
    const body = fixtureText("sud", "player-status");
    await refusedAll("sud-player-status", (h) => [
      h.send(sudCall({ body, secret: `${SUD_SECRET}x` })),
      h.send(sudCall({ body, headers: { "Sud-Signature": undefined } })),
      h.send(sudCall({ body, appId: "1" })),
      h.send(sudCall({ body: "{}" })),
    ]);
  });

  it("元镜: wrong secret, missing sign, expired, wrong target, over HTTP via the FC handler", async () => {
    const body = fixtureText("yuanjing", "session-lifecycle");
    await refusedAll("yuanjing-session-lifecycle", (h) => [
      h.send(topCall({ body, secret: `${TOP_SECRET}x` })),
      h.send(topCall({ body })),
      h.send(topCall({ body, secret: TOP_SECRET, at: NOW_MS - 86_400_000 })),
      h.send(topCall({ body: body.replace('"cg"', '"other"'), secret: TOP_SECRET })),
      h.handler(fcHttpBuffer(topCall({ body, secret: "wrong" }))).then((r: any): AnswerLike => ({ status: r.statusCode, headers: r.headers, body: r.body })),
    ]);
  });
});

describe("misconfigured functions name the variable, never a value", () => {
  const cases: Array<[FunctionName, Env, string]> = [
    ["tencent-live", { TENCENT_CALLBACK_TOKEN: TENCENT_TOKEN }, "TENCENT_SDK_APP_ID"],
    ["sud-notify", { SUD_APP_ID, SUD_APP_SECRET: SUD_SECRET, SUD_MAX_SIGNATURE_AGE_S: SUD_SECRET }, "SUD_MAX_SIGNATURE_AGE_S"],
    ["yuanjing-session-lifecycle", { YUANJING_APP_SECRET: TOP_SECRET, YUANJING_CONSUME_STATE: TOP_SECRET }, "YUANJING_CONSUME_STATE"],
    ["sud-notify", { ...ENV.sud, REDIS_URL: "http://user:REDIS-PASSWORD-SECRET@cache.internal:6379" }, "REDIS_URL"],
    ["tencent-live", { TENCENT_SDK_APP_ID: TENCENT_APP_ID, FORWARD_URL: "https://app.example/hook", FORWARD_SECRET: "whsec_dG9vLXNob3J0" }, "FORWARD_SECRET"],
  ];
  for (const [fn, env, variable] of cases) {
    it(`${fn} with a bad ${variable}`, async () => {
      const h = harness(fn, { env });
      // Misconfiguration is answered before anything is read: any request will do.
      const answer = await h.send(httpCall({ body: "{}" }));
      expect(answer.status).toBe(500);
      expect(answer.body).toContain(variable);
      expect(h.logs.some((l) => l.level === "error" && l.text.includes(variable))).toBe(true);
      expectNoSecrets(h, [answer]);
    });
  }
});

describe("accepted callbacks do not log the secrets either", () => {
  it("Tencent, SUD and 元镜 accepted and logged", async () => {
    for (const [fn, send] of [
      ["tencent-live", (h: Harness) => h.send(tencentCall({ command: "Live.CallbackAfterStartBattle", body: fixtureText("tencent", "battle-start"), token: TENCENT_TOKEN }))],
      ["sud-notify", (h: Harness) => h.send(sudCall({ body: fixtureText("sud", "player-status") }))],
      ["yuanjing-session-lifecycle", (h: Harness) => h.send(topCall({ body: fixtureText("yuanjing", "session-lifecycle"), secret: TOP_SECRET }))],
    ] as const) {
      const h = harness(fn);
      const answer = await send(h);
      expect(answer.status, fn).toBe(200);
      expect(h.logs.length, fn).toBeGreaterThan(0);
      expectNoSecrets(h, [answer]);
    }
  });
});
