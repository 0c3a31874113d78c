// The floor for SUD's app-server interfaces: SUD's authentication and nonce memory (sud-auth.ts), the
// interface from the path's last segment, the JSON rules, the interface's fields, its dedupe id, an
// in-memory dedupe, the accepted line. report_game_info is acknowledged; a token or user call with no
// handler is answered "not implemented" (ret_code 1, HTTP 200), its code or token kept out of the line.
import { createHash } from "node:crypto";
import { arr, BAD, id, int, isObj, joinId, obj, opt, str, text } from "./checks";
import { Dedupe, logAccepted, readEvent, reply } from "./event";
import { parseJson } from "./json";
import { authenticate } from "./sud-auth";

const OK = reply(200, '{"ret_code":0,"ret_msg":"SUCCESS"}');
const quarantine = (why: string) => reply(200, JSON.stringify({ ret_code: 1, ret_msg: `quarantined: ${why}` }));

const report = obj({
  report_type: text,
  report_msg: obj({
    mg_id: opt(id),
    mg_id_str: opt(str),
    room_id: opt(str),
    game_mode: opt(int),
    game_round_id: text,
    battle_start_at: opt(int),
    battle_end_at: opt(int),
    battle_duration: opt(int),
    players: opt(arr(obj({ uid: str, is_ai: opt(int) }))),
    results: opt(arr(obj({ uid: str, rank: opt(int) }))),
  }),
});
/** The request's secret field of each token or user interface. */
const SECRET: Record<string, string> = { get_sstoken: "code", update_sstoken: "ss_token", get_user_info: "ss_token" };

type Data = Record<string, any>;
const dedupe = new Dedupe();

export async function handler(event: unknown) {
  const req = readEvent(event);
  const refused = authenticate(req);
  if (refused) return refused;
  const segments = req.path.split("/").filter(Boolean);
  const name = segments[segments.length - 1] ?? "";
  const parsed = parseJson(req.body);
  if (!parsed.ok) return quarantine(`malformed: body ${parsed.problem}`);
  if (!isObj(parsed.value)) return quarantine("malformed: body must be a JSON object");
  if (name === "report_game_info") {
    const data = report(parsed.value) as Data | typeof BAD;
    if (data === BAD) return quarantine("invalid");
    const eventId = joinId("report_game_info", data.report_msg.game_round_id, data.report_type);
    if (!dedupe.claim(eventId)) return OK;
    const at = data.report_type === "game_settle" ? data.report_msg.battle_end_at : data.report_msg.battle_start_at;
    logAccepted({ id: eventId, platform: "sud", callback: name, eventTime: at === undefined ? undefined : at * 1000, receivedAt: req.receivedAt, data });
    return OK;
  }
  const field = SECRET[name];
  if (!field) return quarantine(`wrong_callback: ${name}`);
  const body = parsed.value;
  const secret = text(body[field]);
  if (secret === BAD) return quarantine("invalid");
  // The secret is named by its digest only; the line carries the other fields.
  const data: Data = {};
  for (const key in body) if (key !== field) data[key] = body[key];
  const eventId = joinId(
    name,
    createHash("sha256")
      .update(JSON.stringify({ ...data, [field]: secret }))
      .digest("hex"),
  );
  const message = `not implemented: the app server has no handler for ${name}`;
  if (dedupe.claim(eventId)) {
    logAccepted({
      id: eventId,
      platform: "sud",
      callback: name,
      eventTime: req.receivedAt,
      receivedAt: req.receivedAt,
      data,
      answer: { data: { error: { ret_code: 1, ret_msg: message } }, source: "missing" },
    });
  }
  return reply(200, JSON.stringify({ ret_code: 1, ret_msg: message, data: {} }));
}
