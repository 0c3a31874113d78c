import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fcHttpBuffer } from "../helpers/events";
import { ENV } from "../helpers/harness";
import { sudCall, sudEnvelope, tencentCall, TENCENT_TOKEN } from "../helpers/requests";
import { type Backend, FORWARD_SECRET, startBackend } from "./helpers/backend";
import { ensureBuilt } from "./helpers/bundles";
import { type Answer, Instances } from "./helpers/processes";
import { cleanPrefix, REDIS_URL, requireRedis, testClient, uniquePrefix } from "./helpers/redis";

const redis = await requireRedis();
const INSTANCES = 4;
const PER_INSTANCE = 10;

const battle = (battleId: string) => ({
  CallbackCommand: "Live.CallbackAfterStartBattle",
  BattleId: battleId,
  Duration: 300000,
  CreateTime: Math.floor(Date.now() / 1000),
  StartTime: Math.floor(Date.now() / 1000),
  FromRoomInfo: { RoomId: "room-a", Owner_Account: "host-a" },
  ToRoomList: [{ RoomId: "room-b", Owner_Account: "host-b" }],
  EventTime: Date.now(),
});

const CASES = [
  {
    fn: "sud-notify",
    env: ENV.sud,
    event: (id: string) => fcHttpBuffer(sudCall({ now: Date.now(), body: sudEnvelope("sud.mg.merchant.player.status", { mg_id: "1", room_id: "9", event: "x", players: [] }, id) })),
    webhookId: (id: string) => `sud:${id}`,
  },
  {
    fn: "tencent-live",
    env: ENV.tencent,
    event: (id: string) => fcHttpBuffer(tencentCall({ command: "Live.CallbackAfterStartBattle", body: battle(id), token: TENCENT_TOKEN, now: Date.now() })),
    webhookId: (id: string) => `tencent-live:Live.CallbackAfterStartBattle:${id}`,
  },
] as const;

describe.skipIf(!redis.available)("the same callback arriving many times at once, across processes", () => {
  const prefix = uniquePrefix("concurrency");
  const client = testClient();
  let backend: Backend;

  beforeAll(async () => {
    ensureBuilt();
    backend = await startBackend();
  });
  afterAll(async () => {
    await cleanPrefix(client, prefix);
    await Promise.all([client.quit(), backend.close()]);
  });

  for (const c of CASES) {
    it(`${c.fn}: ${INSTANCES} instances × ${PER_INSTANCE} concurrent copies give exactly one delivery`, async () => {
      const ns = `${prefix}${c.fn}:`;
      const env = { ...c.env, REDIS_URL, REDIS_KEY_PREFIX: ns, REDIS_STREAM: `${ns}events`, FORWARD_URL: backend.url, FORWARD_SECRET };
      const instances = await Instances.start(INSTANCES, `dist/${c.fn}/index.js`, env);
      try {
        await instances.warm(Array.from({ length: INSTANCES }, (_, i) => c.event(`warm-${c.fn}-${i}`)));
        const event = c.event(`race-${c.fn}`);
        const answers = await instances.fire(event, PER_INSTANCE);

        const ok = answers.filter((a) => a.status === 200);
        const busy = answers.filter((a) => a.status === 503);
        expect(ok.length + busy.length).toBe(INSTANCES * PER_INSTANCE);
        expect(ok.length).toBeGreaterThanOrEqual(1);
        for (const a of busy) expect(a.body).toContain("in_progress");

        expect(backend.accepted.get(c.webhookId(`race-${c.fn}`))).toBe(1);
        expect(await client.xlen(`${ns}events`)).toBe(INSTANCES + 1);
        console.log(
          `[figures] ${c.fn}: concurrent duplicates sent ${answers.length} from ${INSTANCES} processes → deliveries 1 ` +
            `(answers: ${ok.length} × 200, ${busy.length} × 503 in_progress)`,
        );

        // Retries after the first delivery completed are acknowledged and not delivered again.
        const again = await retry(c.event(`race-${c.fn}`), env, c.fn);
        expect(again.every((a) => a.status === 200)).toBe(true);
        expect(backend.accepted.get(c.webhookId(`race-${c.fn}`))).toBe(1);
      } finally {
        instances.kill();
      }
    });
  }
});

/** A fresh pair of instances sending the event again, as late platform retries would. */
async function retry(event: Buffer, env: Record<string, string>, fn: string): Promise<Answer[]> {
  const instances = await Instances.start(2, `dist/${fn}/index.js`, env);
  try {
    return await instances.fire(event, 3);
  } finally {
    instances.kill();
  }
}
