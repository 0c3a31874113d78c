import { describe, expect, it } from "vitest";
import { MemoryDedupeStore } from "../../../shared/delivery/dedupe/memory";
import { toInbound } from "../../helpers/events";
import { bodyOf, harness } from "../../helpers/harness";
import { NOW_MS } from "../../helpers/requests";
import { until } from "../../helpers/until";
import { order, scoreCall, updateScoreSuite } from "./update-score-suite";

describe("sud-app-server: update_score, idempotent on order_id, with the in-memory dedupe store", () => {
  updateScoreSuite(() => new MemoryDedupeStore());

  it("a late handler that ends after its claim expired does not give up the retry's claim", async () => {
    const releases: Array<() => void> = [];
    let calls = 0;
    const h = harness("sud-app-server", {
      handlers: {
        update_score: async () => {
          calls++;
          await new Promise<void>((resolve) => releases.push(resolve));
          return { data: { score: calls } };
        },
      },
    });
    const o = order();
    // The first attempt's handler is late; its claim expires (5 s and the margin after receipt) while it runs.
    expect(bodyOf(await h.process(toInbound(scoreCall(o), NOW_MS - 2450)))).toMatchObject({ ret_code: 1, ret_msg: expect.stringContaining("(late)") });
    h.clock.advance(10_000);
    const retry = h.send(scoreCall(o));
    await until("the retry's handler runs", () => releases.length === 2);
    // The late handler ends now: its claim is long gone, and the retry's claim must stay.
    releases[0]!();
    await until("the late claim given up", () => h.logs.some((l) => l.message === "idempotency claim given up: the next retry asks the handler"));
    expect((await h.send(scoreCall(o))).status).toBe(503);
    releases[1]!();
    const answered = await retry;
    expect(bodyOf(answered)).toMatchObject({ ret_code: 0, data: { score: 2 } });
    expect(await h.send(scoreCall(o))).toEqual(answered);
    expect(calls).toBe(2);
  });
});
