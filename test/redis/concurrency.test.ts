import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fcHttpBuffer } from "../helpers/events";
import { ENV } from "../helpers/harness";
import { sudCall, sudEnvelope, tencentCall, TENCENT_TOKEN } from "../helpers/requests";
import { until } from "../helpers/until";
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
    event: (id: string) =>
      fcHttpBuffer(sudCall({ now: Date.now(), body: sudEnvelope("sud.mg.merchant.player.status", { mg_id: "1", room_id: "9", event: "x", players: [] }, id) })),
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
      // The longest Redis timeout allowed: 40 copies at once on a loaded machine should not time out a claim.
      const redis = { REDIS_URL, REDIS_KEY_PREFIX: ns, REDIS_STREAM: `${ns}events`, REDIS_TIMEOUT_MS: "1000" };
      const env = { ...c.env, ...redis, FORWARD_URL: backend.url, FORWARD_SECRET };
      const id = c.webhookId(`race-${c.fn}`);
      const streamed = async () => (await client.xrange(`${ns}events`, "-", "+")).filter(([, fields]) => fields[1] === id).length;
      const instances = await Instances.start(INSTANCES, `dist/${c.fn}/index.js`, env);
      try {
        await instances.warm(Array.from({ length: INSTANCES }, (_, i) => c.event(`warm-${c.fn}-${i}`)));
        const event = c.event(`race-${c.fn}`);
        const answers = await instances.fire(event, PER_INSTANCE);

        const ok = answers.filter((a) => a.status === 200);
        const busy = answers.filter((a) => a.status === 503);
        expect(ok.length + busy.length).toBe(INSTANCES * PER_INSTANCE);
        // Every copy but the one delivered is told to retry: another copy holds it, or (a machine so loaded
        // that Redis did not answer in time) the dedupe store could not say; never a second delivery.
        for (const a of busy) expect(a.body).toMatch(/in_progress|dedupe store unavailable/);
        expect(backend.accepted.get(id) ?? 0).toBeLessThanOrEqual(1);
        expect(await streamed()).toBeLessThanOrEqual(1);
        if (ok.length > 0) {
          expect(backend.accepted.get(id)).toBe(1);
          expect(await streamed()).toBe(1);
        }
        console.log(
          `[figures] ${c.fn}: concurrent duplicates sent ${answers.length} from ${INSTANCES} processes → deliveries ${backend.accepted.get(id) ?? 0} ` +
            `(answers: ${ok.length} × 200, ${busy.filter((a) => a.body.includes("in_progress")).length} × 503 in_progress)`,
        );

        // The platform retries until acknowledged; once a delivery has completed, retries are acknowledged
        // without delivering again.
        const acknowledged = async () => (await retry(c.event(`race-${c.fn}`), env, c.fn)).every((a) => a.status === 200);
        await until("a retry to be acknowledged", acknowledged, 60_000);
        expect(backend.accepted.get(id)).toBe(1);
      } finally {
        instances.kill();
      }
    }, 90_000);
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
