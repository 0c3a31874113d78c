// The benchmark's floor must do the product's observable work, or "ours ÷ floor" means nothing: for
// every function's samples (several seeds), a duplicate, a replayed SUD nonce with another body and
// bodies the JSON rules refuse, the floor answers as the built bundle answers, and its accepted log
// line has the bundle's bytes (the clock fields aside). A floor that drifted into doing less fails here.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetBundle } from "../../bench/fresh-instance";
import { buildFloor, FLOOR_KINDS, type FloorKind, floorOf, functionBundle } from "../../bench/bundles";
import { BENCH_ENV, FUNCTION_NAMES, type HttpCall, lambdaEvent, signedCall } from "../../bench/requests";
import { sudSignature } from "../../shared/platforms/sud/sign";
import { captureJsonLog } from "../helpers/log-capture";

const require = createRequire(import.meta.url);
type Handler = (event: unknown) => Promise<{ statusCode: number; body: string }>;

const out = mkdtempSync(join(tmpdir(), "floor-"));
const floors = new Map<FloorKind, string>();
const saved = { ...process.env };

beforeAll(async () => {
  Object.assign(process.env, BENCH_ENV);
  for (const kind of FLOOR_KINDS) floors.set(kind, await buildFloor(kind, out));
});
afterAll(() => {
  process.env = saved;
  rmSync(out, { recursive: true, force: true });
});

/** A fresh instance of a bundle (its dedupe and nonce memory empty). */
function load(file: string): Handler {
  const path = resolve(file);
  forgetBundle(path, require.cache);
  return require(path).handler;
}

/** The clock's fields are the only ones that may differ; an app-server call's eventTime is its receipt time. */
function normalised(line: string): unknown {
  const record = JSON.parse(line);
  record.time = "T";
  if (record.event.eventTime === record.event.receivedAt) record.event.eventTime = "R";
  record.event.receivedAt = "R";
  return record;
}

async function answerOf(handler: Handler, call: HttpCall) {
  const log = captureJsonLog();
  try {
    const answer = await handler(lambdaEvent(call));
    const accepted = log.lines.filter((l) => l.includes('"msg":"callback accepted"')).map(normalised);
    return { status: answer.statusCode, body: answer.body, accepted };
  } finally {
    log.stop();
  }
}

/** The same call, resigned after its body was changed (SUD signs the body; Tencent's Sign does not cover it, 元镜's does). */
function withBody(call: HttpCall, body: string): HttpCall {
  if (!("Sud-Signature" in call.headers)) return { ...call, body };
  const h = call.headers;
  return { ...call, body, headers: { ...h, "Sud-Signature": sudSignature(BENCH_ENV.SUD_APP_SECRET, h["Sud-AppId"]!, h["Sud-Timestamp"]!, h["Sud-Nonce"]!, body) } };
}

describe.each(FUNCTION_NAMES)("the floor of %s does the bundle's work", (fn) => {
  it("answers and logs its samples, a duplicate and refused bodies as the bundle does", async () => {
    const ours = load(functionBundle(fn));
    const floor = load(floors.get(floorOf(fn))!);
    // In the past, so that no sample time can equal a receipt time (those are the fields set aside).
    const now = Date.now() - 5000;
    const calls: HttpCall[] = [];
    for (let seq = 1; seq <= 5; seq++) calls.push(signedCall(fn, seq, now));
    calls.push(calls[0]!); // a retry: acknowledged, not logged again
    const first = calls[0]!;
    if (fn !== "yuanjing-session-lifecycle") {
      // Refused by the JSON rules (quarantined): a key twice, nesting beyond 64 levels.
      calls.push(withBody(signedCall(fn, 90, now), first.body.replace(/^\{/, '{"dup":1,"dup":2,')));
      calls.push(withBody(signedCall(fn, 91, now), first.body.replace(/^\{/, `{"deep":${"[".repeat(70)}${"]".repeat(70)},`)));
      // A required field of the wrong type.
      calls.push(withBody(signedCall(fn, 92, now), first.body.replace(/"(BattleId|RoomId|notify_id|report_type|code|ss_token)":"[^"]*"/, '"$1":7')));
    }
    if ("Sud-Nonce" in first.headers) calls.push(withBody(first, first.body.replace(/\}$/, ',"replayed":true}'))); // the nonce again, another body
    let accepted = 0;
    for (const call of calls) {
      const [a, b] = [await answerOf(ours, call), await answerOf(floor, call)];
      if (process.env.FLOOR_DEBUG) console.log(fn, call.body.slice(0, 80), a.status, a.body, b.status, b.body);
      expect({ status: b.status, ok: /"(ErrorCode|ret_code|code)":"?0/.test(b.body) }).toEqual({ status: a.status, ok: /"(ErrorCode|ret_code|code)":"?0/.test(a.body) });
      if (a.status === 200 && !a.body.includes("quarantined")) expect(b.body).toBe(a.body);
      else expect(b.body.includes("quarantined")).toBe(a.body.includes("quarantined"));
      expect(b.accepted).toEqual(a.accepted);
      accepted += a.accepted.length;
    }
    expect(accepted).toBe(5);
  });
});
