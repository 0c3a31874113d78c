import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryDedupeStore } from "../../shared/delivery/dedupe/memory";
import { createProcessor } from "../../shared/function";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { sudCall, sudEnvelope, tencentCall, TENCENT_TOKEN } from "../helpers/requests";
import { until } from "../helpers/until";
import { type Backend, FORWARD_SECRET, startBackend } from "../redis/helpers/backend";
import { captureLog } from "../redis/helpers/capture";

const battle = (id: string) => ({ BattleId: id, Duration: 1, CreateTime: 1, StartTime: 1, FromRoomInfo: { RoomId: "a", Owner_Account: "x" }, ToRoomList: [], EventTime: 1 });
/** The delivery budget an answer names ("not finished within N ms"). */
const budgetOf = (message: string) => Number(/not finished within (\d+) ms/.exec(message)?.[1] ?? NaN);

// No wall-clock bound here (a loaded machine stretches any): each test shows the answer came while the slow
// target was still running, and that the budget the pipeline gave delivery fits inside the platform's limit.
describe("a slow target never pushes the answer past the platform's limit", () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await startBackend(() => ({ status: 200, delayMs: 10_000 }));
  });
  afterAll(() => backend.close());

  it("Tencent (2 s): the answer comes inside the limit, retryable, and the event is dead-lettered", async () => {
    const logs = captureLog();
    const processor = createProcessor(FUNCTION_SPECS["tencent-live"], {
      env: { ...ENV.tencent, FORWARD_URL: backend.url, FORWARD_SECRET },
      log: logs.log,
      dedupe: new MemoryDedupeStore(),
    });
    const receivedAt = Date.now();
    const answer = await processor(toInbound(tencentCall({ command: "Live.CallbackAfterStartBattle", body: battle("slow-1"), token: TENCENT_TOKEN, now: receivedAt }), receivedAt));
    // The backend takes 10 s: it had not answered when the function did.
    expect(backend.received).toHaveLength(0);
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body).ErrorInfo).toMatch(/forward: FORWARD_URL did not answer in time|not finished within/);
    const letter = logs.lines.find((l) => l.message === "dead letter");
    expect(letter?.level).toBe("error");
    expect(letter?.fields?.deadLetter).toMatchObject({ kind: "undelivered", reason: "delivery_failed", event: { id: "Live.CallbackAfterStartBattle:slow-1" } });
    // The forwarder gave its request up (the backend sees the connection close), and it never counts as delivered.
    await until("the backend to see the forwarded request abandoned", () => backend.abandoned() >= 1);
    expect(backend.accepted.size).toBe(0);
  });

  it("a slow typed handler is cut off at the same deadline, inside Tencent's 2 s", async () => {
    // The handler never finishes: only the deadline can answer.
    const processor = createProcessor(
      { ...FUNCTION_SPECS["tencent-live"], handlers: { "Live.CallbackAfterStartBattle": () => new Promise(() => {}) } },
      { env: ENV.tencent, log: () => {}, dedupe: new MemoryDedupeStore() },
    );
    const receivedAt = Date.now();
    const answer = await processor(toInbound(tencentCall({ command: "Live.CallbackAfterStartBattle", body: battle("slow-2"), token: TENCENT_TOKEN, now: receivedAt }), receivedAt));
    expect(answer.status).toBe(503);
    expect(budgetOf(JSON.parse(answer.body).ErrorInfo)).toBeLessThanOrEqual(1500);
  });

  it("the runtime's own deadline, when nearer, wins (SUD with 1.2 s left of its 5 s)", async () => {
    const processor = createProcessor(
      { ...FUNCTION_SPECS["sud-notify"], handlers: { unknown: () => new Promise(() => {}) } },
      { env: ENV.sud, log: () => {}, dedupe: new MemoryDedupeStore() },
    );
    const receivedAt = Date.now();
    const answer = await processor(toInbound(sudCall({ now: Date.now(), body: sudEnvelope("sud.mg.merchant.x", {}, "slow-3") }), receivedAt, { deadlineAt: receivedAt + 1200 }));
    expect(answer.status).toBe(503);
    // What is left before the runtime stops it, less a margin: never SUD's own 3.75 s share.
    expect(budgetOf(JSON.parse(answer.body).ret_msg)).toBeLessThanOrEqual(1200 - 250);
  });

  it("a handler cut off at the deadline keeps its claim until it expires, so a retry cannot run beside it", async () => {
    let running = 0;
    let most = 0;
    // The handler runs until the test lets it finish, however long the machine takes to send the retry.
    const startedAt = Date.now();
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const processor = createProcessor(
      {
        ...FUNCTION_SPECS["tencent-live"],
        handlers: {
          "Live.CallbackAfterStartBattle": async () => {
            most = Math.max(most, ++running);
            await finished;
            running--;
          },
        },
      },
      // The claim's clock stands still, so however late the retry comes, it comes before the claim expires.
      { env: ENV.tencent, log: () => {}, dedupe: new MemoryDedupeStore(10_000, () => startedAt) },
    );
    const send = () => {
      const receivedAt = Date.now();
      return processor(toInbound(tencentCall({ command: "Live.CallbackAfterStartBattle", body: battle("slow-4"), token: TENCENT_TOKEN, now: receivedAt }), receivedAt));
    };
    expect((await send()).status).toBe(503);
    // The first run is still going: the retry is told to come back later rather than run the handler again.
    const retry = await send();
    expect(retry.status).toBe(503);
    expect(JSON.parse(retry.body).ErrorInfo).toMatch(/^in_progress:/);
    expect(most).toBe(1);
    finish();
  });

  it("a handler that throws releases its claim at once, so the platform's retry is delivered", async () => {
    let calls = 0;
    const processor = createProcessor(
      {
        ...FUNCTION_SPECS["tencent-live"],
        handlers: {
          "Live.CallbackAfterStartBattle": () => {
            if (++calls === 1) throw new Error("first try fails");
          },
        },
      },
      { env: ENV.tencent, log: () => {}, dedupe: new MemoryDedupeStore() },
    );
    const send = () => {
      const receivedAt = Date.now();
      return processor(toInbound(tencentCall({ command: "Live.CallbackAfterStartBattle", body: battle("slow-5"), token: TENCENT_TOKEN, now: receivedAt }), receivedAt));
    };
    expect((await send()).status).toBe(503);
    expect((await send()).status).toBe(200);
    expect(calls).toBe(2);
  });
});
