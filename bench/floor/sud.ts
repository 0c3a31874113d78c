// The floor for SUD's notifications: SUD's authentication and nonce memory (sud-auth.ts), the JSON rules,
// the envelope's fields, each served event's fields (ids as their digits, player.status's game and
// hosting), notify_id as the dedupe id, an in-memory dedupe, the accepted line, the ack.
import { arr, BAD, type Check, id, int, isObj, obj, opt, str, text } from "./checks";
import { Dedupe, logAccepted, readEvent, reply } from "./event";
import { parseJson } from "./json";
import { authenticate } from "./sud-auth";

const OK = reply(200, '{"ret_code":0,"ret_msg":"SUCCESS"}');
const quarantine = (why: string) => reply(200, JSON.stringify({ ret_code: 0, ret_msg: `quarantined: ${why}` }));

const envelope = obj({ notify_id: text, notify_time: id, app_id: opt(id), notify_event: text });
const GAMES: Record<string, string> = { "1468180338417074177": "LUDO", "1472142559912517633": "UMO", "1716668321022017537": "Snakes and Ladders", "1537330258004504578": "Domino" };
const managed: Check = (v) => (v === 0 || v === 1 ? v : BAD);
const player = obj({ uid: id, type: opt(str), timestamp: id, payload: opt(obj({ is_managed: opt(managed) })) });
const playerStatus = obj({ mg_id: id, room_id: id, game_round_id: opt(str), event: text, players: arr(player), payload: opt(obj({})) });
const order = obj({ order_id: id, out_order_id: id, game_round_id: opt(id), cmd: str, from_uid: id, to_uid: id, payload: opt(obj({})), status: str, value: int });

type Data = Record<string, any>;
const EVENTS: Record<string, { check: Check; subEvent?: (d: Data) => string | undefined }> = {
  "sud.mg.merchant.player.status": {
    check: (v) => {
      const d = playerStatus(v) as Data | typeof BAD;
      if (d === BAD) return d;
      d.game = Object.hasOwn(GAMES, d.mg_id) ? GAMES[d.mg_id] : undefined;
      if (d.event === "manage_status") {
        const hosting = [];
        for (const p of d.players) if (p.payload?.is_managed !== undefined) hosting.push({ uid: p.uid, managed: p.payload.is_managed === 1 });
        d.hosting = hosting;
      } else d.hosting = undefined;
      return d;
    },
    subEvent: (d) => (d.event === "manage_status" ? d.event : undefined),
  },
  "sud.mg.merchant.order.batch.changed": { check: obj({ mg_id: id, room_id: id, orders: arr(order) }) },
};

const dedupe = new Dedupe();

export async function handler(event: unknown) {
  const req = readEvent(event);
  const refused = authenticate(req);
  if (refused) return refused;
  const parsed = parseJson(req.body);
  if (!parsed.ok) return quarantine(`malformed: body ${parsed.problem}`);
  const env = envelope(parsed.value) as Data | typeof BAD;
  if (env === BAD) return quarantine("invalid: notify envelope");
  const served = EVENTS[env.notify_event];
  if (!served) return quarantine(`wrong_callback: ${env.notify_event}`);
  if (!isObj(env.data)) return quarantine("invalid: data");
  const data = served.check(env.data) as Data | typeof BAD;
  if (data === BAD) return quarantine("invalid");
  if (!dedupe.claim(env.notify_id)) return OK;
  const ms = Number(env.notify_time);
  const eventTime = Number.isSafeInteger(ms) && ms > 0 ? ms : undefined;
  logAccepted({ id: env.notify_id, platform: "sud", callback: env.notify_event, subEvent: served.subEvent?.(data), eventTime, receivedAt: req.receivedAt, data });
  return OK;
}
