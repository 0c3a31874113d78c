import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Env } from "../../shared/core/config";
import { silentLogger } from "../../shared/core/log";
import type { DeadLetter } from "../../shared/delivery/dead-letter/record";
import { deliveryFromEnv } from "../../shared/delivery/from-env";
import { createProcessor } from "../../shared/function";
import { replay } from "../../scripts/replay/replay";
import { invocation, toInbound } from "../helpers/events";
import { fixtureText } from "../helpers/fixtures";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { failingTarget, LETTER_KEY, LETTER_KEY_TEXT, lettersFrom, memorySource, OTHER_LETTER_KEY } from "../helpers/letters";
import { SUD_SECRET, sudCall, sudEnvelope, tencentCall, TENCENT_TOKEN } from "../helpers/requests";
import { captureLog } from "../redis/helpers/capture";

const TENCENT_ENV: Env = { ...ENV.tencent, DEAD_LETTER_KEY: LETTER_KEY, FC_FUNCTION_NAME: "tencent-live" };
const YUANJING_ENV: Env = { ...ENV.yuanjing, DEAD_LETTER_KEY: LETTER_KEY, FC_FUNCTION_NAME: "fc-dg-common-cg" };

/** A Tencent battle start: its Sign covers only the token and RequestTime, not the body or the rest of the query. */
function battleStart(battleId: string, at = Date.now()) {
  const body = fixtureText("tencent", "battle-start").replace("4siHsNsWN/T3aub9zKraqI4zZAyPRpXQhdtKv1q4HOs=", battleId);
  return toInbound(tencentCall({ command: "Live.CallbackAfterStartBattle", body, token: TENCENT_TOKEN, now: at }), at);
}

/** A 元镜 direct invocation: FC authenticated the call; nothing in the letter is signed by the platform. */
function sessionInvocation(sessionId: string, at = Date.now()) {
  return invocation(fixtureText("yuanjing", "session-lifecycle").replace("gameSessionId", sessionId), at);
}

/** Replays with a recording target; reports what was delivered and what replay did to the source. */
async function replayed(letters: readonly DeadLetter[], env: Env, options: { insecure?: boolean; failing?: boolean } = {}) {
  const source = memorySource(letters);
  const delivered: string[] = [];
  const recording = { name: "app", send: async (event: { id: string }) => void delivered.push(event.id) };
  const delivery = { ...deliveryFromEnv(env, silentLogger), targets: [options.failing ? failingTarget : recording] };
  const results = await replay(source.stored, { env, log: silentLogger, delivery, source, insecure: options.insecure });
  return { results, delivered, source };
}

const bodyOf = (letter: DeadLetter) => Buffer.from(letter.request.body, "base64").toString("utf8");
const withBody = (letter: DeadLetter, text: string): DeadLetter => ({ ...letter, request: { ...letter.request, body: Buffer.from(text).toString("base64") } });

describe("dead letters carry a MAC under DEAD_LETTER_KEY, and replay refuses any letter whose MAC fails", () => {
  it("a letter is sealed as v1,<base64 HMAC-SHA256> and an unaltered one replays", async () => {
    const { letters, logText } = await lettersFrom("tencent-live", TENCENT_ENV, [battleStart("seal-ok")]);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.mac).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(logText).not.toContain(LETTER_KEY);
    expect(logText).not.toContain(LETTER_KEY_TEXT);

    const { results, delivered, source } = await replayed(letters, TENCENT_ENV);
    expect(results.map((r) => r.status)).toEqual(["delivered"]);
    expect(delivered).toEqual(["Live.CallbackAfterStartBattle:seal-ok"]);
    expect(source.removed).toEqual(["m:1"]);
  });

  // Each alteration, made to a letter on a platform whose own signature would not notice it.
  const tencentAlterations: Array<[string, (l: DeadLetter) => DeadLetter]> = [
    ["a query parameter", (l) => ({ ...l, request: { ...l.request, query: { ...l.request.query, ClientIP: "192.0.2.66" } } })],
    ["a query parameter added", (l) => ({ ...l, request: { ...l.request, query: { ...l.request.query, extra: "1" } } })],
    ["a header", (l) => ({ ...l, request: { ...l.request, headers: { ...l.request.headers, "content-type": "application/json" } } })],
    ["a header added", (l) => ({ ...l, request: { ...l.request, headers: { ...l.request.headers, "x-extra": "1" } } })],
    ["the body's bytes", (l) => withBody(l, bodyOf(l).replace('"Duration": 60000', '"Duration": 60001'))],
    ["one trailing byte of the body", (l) => withBody(l, `${bodyOf(l)} `)],
    ["receivedAt", (l) => ({ ...l, request: { ...l.request, receivedAt: l.request.receivedAt + 1 } })],
    ["the method", (l) => ({ ...l, request: { ...l.request, method: "PUT" } })],
    ["the path", (l) => ({ ...l, request: { ...l.request, path: "/elsewhere" } })],
    ["the platform", (l) => ({ ...l, platform: "sud" })],
    ["the function", (l) => ({ ...l, function: "tencent-live-battle-end" })],
    ["the function removed", (l) => ({ ...l, function: undefined })],
    ["the kind", (l) => ({ ...l, kind: "quarantined" })],
    ["the callback", (l) => ({ ...l, callback: "Live.CallbackAfterEndBattle" })],
    ["the first attempt's time", (l) => ({ ...l, at: new Date(Date.parse(l.at) + 1000).toISOString() })],
    ["the reason", (l) => ({ ...l, reason: "invalid" })],
    ["the attempt count", (l) => ({ ...l, attempts: 0 })],
    ["the stored event", (l) => ({ ...l, event: { ...l.event!, id: "someone-else" } })],
  ];

  it.each(tencentAlterations)("a Tencent letter with %s altered is refused, delivers nothing and is left as it is", async (_, alter) => {
    const { letters } = await lettersFrom("tencent-live", TENCENT_ENV, [battleStart(`alter-${_.replace(/\W/g, "-")}`)]);
    const { results, delivered, source } = await replayed([alter(letters[0]!)], TENCENT_ENV);
    expect(results[0]).toMatchObject({ status: "refused", detail: expect.stringContaining("MAC") });
    expect(delivered).toEqual([]);
    expect(source.removed).toEqual([]);
    expect(source.replaced).toEqual([]);
  });

  it("a 元镜 direct-invocation letter with its payload rewritten is refused", async () => {
    const { letters } = await lettersFrom("yuanjing-session-lifecycle", YUANJING_ENV, [sessionInvocation("gs-alter")]);
    expect(letters[0]!.request.transport).toBe("invoke");
    const rewritten = withBody(letters[0]!, bodyOf(letters[0]!).replace('"accountId"', '"someone-else"'));
    const { results, delivered, source } = await replayed([rewritten], YUANJING_ENV);
    expect(results[0]!.status).toBe("refused");
    expect(delivered).toEqual([]);
    expect(source.replaced).toEqual([]);

    // The unaltered one replays.
    expect((await replayed(letters, YUANJING_ENV)).delivered).toHaveLength(1);
  });

  it("any one value changed anywhere in a letter is refused (property)", async () => {
    const { letters } = await lettersFrom("tencent-live", TENCENT_ENV, [battleStart("prop-1")]);
    const original = letters[0]!;
    const leaves = leafPaths(original).filter((path) => path[0] !== "mac");
    expect(leaves.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...leaves), fc.string({ minLength: 1, maxLength: 4 }), async (path, junk) => {
        const altered = setAt(structuredClone(original), path, (value) => mutate(value, junk));
        const { results, delivered } = await replayed([altered], TENCENT_ENV);
        expect(results[0]!.status).toBe("refused");
        expect(delivered).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("a MAC moved from one letter to another is refused, both ways", async () => {
    const { letters } = await lettersFrom("tencent-live", TENCENT_ENV, [battleStart("move-a"), battleStart("move-b")]);
    const [a, b] = letters as [DeadLetter, DeadLetter];
    expect(a.mac).not.toBe(b.mac);
    const { results, delivered } = await replayed(
      [
        { ...a, mac: b.mac },
        { ...b, mac: a.mac },
      ],
      TENCENT_ENV,
    );
    expect(results.map((r) => r.status)).toEqual(["refused", "refused"]);
    expect(delivered).toEqual([]);
  });

  it("a letter sealed under another key is refused; a rotation that still lists the old key accepts it", async () => {
    const { letters } = await lettersFrom("tencent-live", TENCENT_ENV, [battleStart("rotate-1")]);
    const wrong = await replayed(letters, { ...TENCENT_ENV, DEAD_LETTER_KEY: OTHER_LETTER_KEY });
    expect(wrong.results[0]).toMatchObject({ status: "refused", detail: expect.stringContaining("DEAD_LETTER_KEY") });
    expect(wrong.delivered).toEqual([]);

    const rotated = await replayed(letters, { ...TENCENT_ENV, DEAD_LETTER_KEY: `${OTHER_LETTER_KEY},${LETTER_KEY}` });
    expect(rotated.results[0]!.status).toBe("delivered");
  });

  it("a forged MAC of the right shape is refused", async () => {
    const { letters } = await lettersFrom("tencent-live", TENCENT_ENV, [battleStart("forged-mac")]);
    for (const mac of [`v1,${Buffer.alloc(32).toString("base64")}`, "v1,", "v2,abc", "", letters[0]!.mac!.toLowerCase()]) {
      const { results, delivered } = await replayed([{ ...letters[0]!, mac }], TENCENT_ENV);
      expect(results[0]!.status, mac).toBe("refused");
      expect(delivered).toEqual([]);
    }
  });

  it("a letter without a MAC is refused while a key is set, and replays with --insecure", async () => {
    const { letters } = await lettersFrom("tencent-live", TENCENT_ENV, [battleStart("stripped")]);
    const stripped = { ...letters[0]!, mac: undefined };
    const refused = await replayed([stripped], TENCENT_ENV);
    expect(refused.results[0]).toMatchObject({ status: "refused", detail: expect.stringContaining("--insecure") });
    expect(refused.delivered).toEqual([]);
    expect(refused.source.replaced).toEqual([]);

    const insecure = await replayed([stripped], TENCENT_ENV, { insecure: true });
    expect(insecure.results[0]!.status).toBe("delivered");
    // --insecure never lets a wrong MAC through: only letters that carry none.
    const wrong = await replayed([{ ...letters[0]!, mac: `v1,${Buffer.alloc(32).toString("base64")}` }], TENCENT_ENV, { insecure: true });
    expect(wrong.results[0]!.status).toBe("refused");
    // One that fails again is kept unprotected: replay does not launder it with a MAC.
    const again = await replayed([stripped], TENCENT_ENV, { insecure: true, failing: true });
    expect([...again.source.kept.values()][0]!.mac).toBeUndefined();
  });

  it("replay without DEAD_LETTER_KEY refuses to start, touching no letter; --insecure replays unprotected letters", async () => {
    const unkeyed: Env = { ...ENV.tencent, DEAD_LETTER_KEY: undefined, FC_FUNCTION_NAME: "tencent-live" };
    const { letters } = await lettersFrom("tencent-live", unkeyed, [battleStart("no-key")]);
    expect(letters[0]!.mac).toBeUndefined();
    const source = memorySource(letters);
    const delivery = deliveryFromEnv(unkeyed, silentLogger);
    await expect(replay(source.stored, { env: unkeyed, log: silentLogger, delivery, source })).rejects.toThrow(/DEAD_LETTER_KEY is not set.*--insecure/);
    expect([source.removed, source.replaced]).toEqual([[], []]);

    expect((await replayed(letters, unkeyed, { insecure: true })).results[0]!.status).toBe("delivered");
  });

  it("a failed replay re-seals the letter it keeps: the kept letter verifies and replays later", async () => {
    const { letters } = await lettersFrom("tencent-live", TENCENT_ENV, [battleStart("reseal")]);
    const first = await replayed(letters, TENCENT_ENV, { failing: true });
    expect(first.results[0]!.status).toBe("failed");
    const kept = [...first.source.kept.values()];
    expect(kept).toHaveLength(1);
    expect(kept[0]!.mac).toMatch(/^v1,/);
    expect(kept[0]!.mac).not.toBe(letters[0]!.mac);
    const second = await replayed(kept, TENCENT_ENV);
    expect(second.results[0]!.status).toBe("delivered");
  });

  it("letters written to Redis are sealed the same way as those in the log (SUD, whose signature covers the body)", async () => {
    const env: Env = { ...ENV.sud, DEAD_LETTER_KEY: LETTER_KEY };
    const req = toInbound(sudCall({ body: sudEnvelope("sud.mg.merchant.future.event", { order_id: "1" }, "sud-sealed"), now: Date.now() }), Date.now());
    const { letters, logText } = await lettersFrom("sud-notify", env, [req]);
    expect(letters[0]!.mac).toMatch(/^v1,/);
    expect(logText).not.toContain(SUD_SECRET);
    expect((await replayed(letters, env)).results[0]!.status).toBe("delivered");
  });
});

describe("DEAD_LETTER_KEY at cold start", () => {
  it("without it, one warn line says letters are unprotected, once per cold start; with it, none", async () => {
    const logs = captureLog();
    const unkeyed = { ...ENV.tencent, DEAD_LETTER_KEY: undefined };
    const processor = createProcessor(FUNCTION_SPECS["tencent-live"], { env: unkeyed, log: logs.log, targets: [failingTarget] });
    for (const id of ["w-1", "w-2", "w-3"]) await processor(battleStart(id));
    const warned = logs.lines.filter((l) => l.message === "dead letters unprotected");
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ level: "warn", fields: { problem: expect.stringContaining("DEAD_LETTER_KEY is not set") } });

    // With the key, no such line.
    const keyed = captureLog();
    await createProcessor(FUNCTION_SPECS["tencent-live"], { env: TENCENT_ENV, log: keyed.log })(battleStart("w-4"));
    expect(keyed.lines.filter((l) => l.message === "dead letters unprotected")).toEqual([]);
  });

  it.each([
    ["too short", Buffer.alloc(16, 1).toString("base64")],
    ["not base64", "not base64 at all, and long enough to pass a length check!"],
    ["base64 with a stray character", `${LETTER_KEY.slice(0, -2)}*=`],
    ["a short second item in a rotation", `${LETTER_KEY},${Buffer.alloc(31, 2).toString("base64")}`],
  ])("a key that is %s fails every request closed with a 500 naming DEAD_LETTER_KEY, never its value", async (_, key) => {
    const logs = captureLog();
    const processor = createProcessor(FUNCTION_SPECS["tencent-live"], { env: { ...ENV.tencent, DEAD_LETTER_KEY: key }, log: logs.log });
    const answer = await processor(battleStart("bad-key"));
    expect(answer.status).toBe(500);
    expect(answer.body).toContain("DEAD_LETTER_KEY");
    for (const text of [answer.body, logs.text()]) expect(text).not.toContain(key);
  });
});

type Path = Array<string | number>;

/** Every path to a scalar in a JSON value. */
function leafPaths(value: unknown, path: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => leafPaths(item, [...path, i]));
  return Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...path, key]));
}

function setAt<T>(root: T, path: Path, change: (value: unknown) => unknown): T {
  let node: any = root;
  for (const key of path.slice(0, -1)) node = node[key];
  const last = path[path.length - 1]!;
  node[last] = change(node[last]);
  return root;
}

/** A different value of the same kind where one exists. */
function mutate(value: unknown, junk: string): unknown {
  if (typeof value === "string") return value + junk;
  if (typeof value === "number") return value + 1;
  if (typeof value === "boolean") return !value;
  return junk;
}
