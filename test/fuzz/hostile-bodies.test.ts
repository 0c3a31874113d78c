/**
 * Hostile bodies never cost an event: deeply nested, very wide and very large authentic bodies are
 * each either delivered to every target or kept as a dead letter with their exact bytes, answered
 * well-formed, and never acknowledged later as a duplicate of an event nobody received. The
 * function runs with its real JSON logger (captured from stdout/stderr), a real forward target, and
 * either no Redis (letters in the log) or the real Redis (shared dedupe, a stream target, letters in
 * the dead-letter stream).
 */
import fc from "fast-check";
import type Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundRequest } from "../../shared/core/inbound";
import type { Outcome } from "../../shared/core/outcome";
import { MemoryDedupeStore } from "../../shared/delivery/dedupe/memory";
import { createProcessor } from "../../shared/function";
import { ackProblem } from "../helpers/acks";
import { invocation, toInbound } from "../helpers/events";
import { FUNCTION_SPECS, type FunctionName } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { type CapturedLog, captureJsonLog } from "../helpers/log-capture";
import { sudCall, TENCENT_TOKEN, tencentCall } from "../helpers/requests";
import { type Backend, FORWARD_SECRET, startBackend } from "../redis/helpers/backend";
import { cleanPrefix, REDIS_URL, requireRedis, testClient, uniquePrefix } from "../redis/helpers/redis";

const redis = await requireRedis();

/** What goes inside an otherwise valid callback: one hostile value, sized to stay inside the platform's body limit. */
type Shape =
  | { kind: "deep"; depth: number; of: "arrays" | "objects" | "mixed" }
  | { kind: "wide"; count: number; of: "keys" | "items" }
  | { kind: "huge"; length: number }
  | { kind: "big-integers"; count: number };

function shapeArb(maxBytes: number): fc.Arbitrary<Shape> {
  return fc.oneof(
    fc.record({
      kind: fc.constant("deep" as const),
      depth: fc.oneof(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 80, max: Math.min(20_000, maxBytes / 6) })),
      of: fc.constantFrom("arrays" as const, "objects" as const, "mixed" as const),
    }),
    fc.record({
      kind: fc.constant("wide" as const),
      count: fc.integer({ min: 0, max: Math.min(30_000, maxBytes / 16) }),
      of: fc.constantFrom("keys" as const, "items" as const),
    }),
    fc.record({
      kind: fc.constant("huge" as const),
      length: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 10_000, max: maxBytes - 2048 })),
    }),
    fc.record({ kind: fc.constant("big-integers" as const), count: fc.integer({ min: 1, max: 50 }) }),
  );
}

function textOf(shape: Shape): string {
  switch (shape.kind) {
    case "deep": {
      let open = "";
      let close = "";
      for (let i = 0; i < shape.depth; i++) {
        const array = shape.of === "arrays" || (shape.of === "mixed" && i % 2 === 0);
        open += array ? "[" : '{"a":';
        close = (array ? "]" : "}") + close;
      }
      return `${open}1${close}`;
    }
    case "wide":
      return shape.of === "keys"
        ? `{${Array.from({ length: shape.count }, (_, i) => `"k${i}":${i}`).join(",")}}`
        : `[${Array.from({ length: shape.count }, (_, i) => `{"i":${i}}`).join(",")}]`;
    case "huge":
      return `"data:image/png;base64,${"iVBORw0KGgo".repeat(Math.ceil(shape.length / 11)).slice(0, shape.length)}"`;
    case "big-integers":
      return `[${Array.from({ length: shape.count }, (_, i) => `${2n ** 64n + BigInt(i)}`).join(",")}]`;
  }
}

let serial = 0;
const unique = () => `hostile-${process.pid}-${++serial}`;

/** Bodies of valid callbacks, `value` where the function keeps unknown fields; each with a fresh dedupe id. */
const sudBody = (event: string, data: string) => `{"notify_id":"${unique()}","notify_time":"1647834452408","notify_event":"${event}","data":${data}}`;
const PLAYER_STATUS = '"mg_id":"1468180338417074177","room_id":"r","event":"manage_status","players":[]';
const SESSION = '"action":"A","message_type":"DISPATCHED","project_id":"p","account_id":"a","game_id":"g","time":1739956146';
const tencent = (command: string, body: string) => toInbound(tencentCall({ command, body, token: TENCENT_TOKEN, now: Date.now() }), Date.now());

interface Case {
  readonly fn: FunctionName;
  readonly what: string;
  readonly platform: "tencent" | "sud" | "yuanjing";
  readonly maxBytes: number;
  readonly request: (value: string) => InboundRequest;
}

const CASES: Case[] = [
  {
    fn: "sud-notify",
    what: "a notify event without a schema",
    platform: "sud",
    maxBytes: 6 * 1024 * 1024,
    request: (value) => toInbound(sudCall({ body: sudBody("sud.mg.merchant.hostile", value), now: Date.now() }), Date.now()),
  },
  {
    fn: "sud-player-status",
    what: "player status, extra field",
    platform: "sud",
    maxBytes: 6 * 1024 * 1024,
    request: (value) => toInbound(sudCall({ body: sudBody("sud.mg.merchant.player.status", `{${PLAYER_STATUS},"image":${value}}`), now: Date.now() }), Date.now()),
  },
  {
    fn: "tencent-live",
    what: "a command without a schema (digest id)",
    platform: "tencent",
    maxBytes: 1024 * 1024,
    request: (value) => tencent("Live.CallbackAfterHostile", `{"CallbackCommand":"Live.CallbackAfterHostile","Seq":"${unique()}","Extra":${value}}`),
  },
  {
    fn: "tencent-live",
    what: "room destroyed, extra field",
    platform: "tencent",
    maxBytes: 1024 * 1024,
    request: (value) => tencent("Live.CallbackAfterDestroyRoom", `{"RoomId":"${unique()}","EventTime":1739956146119,"Extra":${value}}`),
  },
  {
    fn: "yuanjing-session-lifecycle",
    what: "direct invocation, extra field",
    platform: "yuanjing",
    maxBytes: 256 * 1024,
    request: (value) => invocation(`{"fc_group":"fc-dg-common","fc_name":"cg","request_param":{${SESSION},"game_session_id":"${unique()}","extra":${value}}}`, Date.now()),
  },
];

/** Where the letters of one function go: the log, or the real Redis's dead-letter stream (the log when Redis cannot take one). */
interface Keeping {
  readonly env: Record<string, string>;
  /** The stored body (base64) of every letter written since the last call. */
  letters(logged: readonly { msg: string; deadLetter?: { request: { body: string } } }[]): Promise<string[]>;
}

function inLog(): Keeping {
  return { env: {}, letters: async (logged) => logged.filter((line) => line.msg === "dead letter").map((line) => line.deadLetter!.request.body) };
}

function inRedis(client: Redis, prefix: string): Keeping {
  const stream = `${prefix}dead-letters`;
  let seen = "-";
  return {
    env: { REDIS_URL, REDIS_KEY_PREFIX: prefix, REDIS_STREAM: `${prefix}events` },
    async letters(logged) {
      const entries = await client.xrange(stream, seen === "-" ? "-" : `(${seen}`, "+");
      if (entries.length) seen = entries.at(-1)![0];
      const streamed = entries.map(([, fields]) => JSON.parse(fields[fields.indexOf("letter") + 1]!).request.body as string);
      return [...streamed, ...(await inLog().letters(logged))];
    },
  };
}

function hostileSuite(label: string, cases: readonly Case[], runs: number, keeping: () => Keeping) {
  describe(`hostile bodies never cost an event (${label})`, () => {
    let backend: Backend;
    let log: CapturedLog;
    beforeAll(async () => {
      backend = await startBackend();
      log = captureJsonLog();
    });
    afterAll(async () => {
      log.stop();
      await backend.close();
    });

    for (const { fn, what, platform, maxBytes, request } of cases) {
      it(`${fn}, ${what}: deep, wide, huge bodies are delivered or kept with their bytes, and a retry is never a false duplicate`, async () => {
        const keep = keeping();
        const handled: unknown[] = [];
        const outcomes: Outcome[] = [];
        const spec = FUNCTION_SPECS[fn];
        const names = [...spec.callbacks.map((c) => c.name), "unknown"];
        const handlers = Object.fromEntries(names.map((name) => [name, (event: unknown) => void handled.push(event)]));
        const processor = createProcessor(
          { ...spec, handlers: handlers as never },
          {
            env: { ...ENV[platform], FORWARD_URL: backend.url, FORWARD_SECRET, ...keep.env },
            dedupe: keep.env.REDIS_URL ? undefined : new MemoryDedupeStore(),
            observe: (outcome) => void outcomes.push(outcome),
          },
        );
        try {
          await fc.assert(
            fc.asyncProperty(shapeArb(maxBytes), async (shape) => {
              log.lines.length = 0;
              handled.length = 0;
              outcomes.length = 0;
              const req = request(textOf(shape));

              const first = await processor(req);
              expect(ackProblem(platform, first)).toBeUndefined();
              expect(first.status, first.body.slice(0, 300)).not.toBe(500);
              // Every line the logger wrote is one JSON document.
              const lines = log.lines.map((line) => JSON.parse(line) as { msg: string; deadLetter?: { request: { body: string } } });
              const outcome = outcomes[0]!;
              if (outcome.kind === "accepted") {
                expect(backend.accepted.get(`${outcome.event.platform}:${outcome.event.id}`)).toBe(1);
                expect(handled).toHaveLength(1);
                expect(lines.some((line) => line.msg === "callback accepted")).toBe(true);
              } else {
                expect(outcome.kind, JSON.stringify(outcome).slice(0, 300)).toBe("refused");
                expect(await keep.letters(lines)).toContain(req.body.toString("base64"));
              }

              // The platform retries: a duplicate acknowledgement is only right for an event that was delivered.
              const again = await processor(req);
              expect(ackProblem(platform, again)).toBeUndefined();
              if (outcomes[1]!.kind === "duplicate") expect(outcome.kind).toBe("accepted");
              await keep.letters([]);
            }),
            { numRuns: runs },
          );
        } finally {
          await processor.close();
        }
      }, 240_000);
    }
  });
}

hostileSuite("letters in the log", CASES, 40, inLog);

describe.skipIf(!redis.available)("with the real Redis", () => {
  const prefix = uniquePrefix("hostile");
  let client: Redis;
  beforeAll(() => void (client = testClient()));
  afterAll(async () => {
    await cleanPrefix(client, prefix);
    await client.quit();
  });
  hostileSuite(
    "Redis dedupe, stream and dead letters",
    CASES.filter((c) => c.fn === "sud-notify" || c.what.includes("digest")),
    20,
    () => inRedis(client, prefix),
  );
});
