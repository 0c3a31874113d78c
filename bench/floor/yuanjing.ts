// The floor for 元镜 over HTTP: the TOP MD5 sign over the sorted query and the raw body within 900 s,
// the JSON rules, the SPI target (fc_group, fc_name), request_param (an object or its JSON text), the
// session-lifecycle fields (texts as text, times as numbers), the dedupe id, an in-memory dedupe, the
// accepted line, the ack. (A form-encoded or XML call is not part of the benchmark.)
import { createHash } from "node:crypto";
import { anyText, anyTextNonEmpty, BAD, isObj, joinId, numeric, obj, opt } from "./checks";
import { Dedupe, logAccepted, readEvent, reply, sameDigest } from "./event";
import { parseJson } from "./json";

const OK = reply(200, '{"result":{"code":"0","message":"成功","data":{"message":"成功","consume_state":0}}}');
const fail = (status: number, sub: string) => reply(status, JSON.stringify({ error_response: { code: 50, msg: "Remote service error", sub_code: sub, sub_msg: sub } }));
const quarantine = (sub: string) => reply(200, JSON.stringify({ result: { code: "0", message: `quarantined: ${sub}`, data: { message: "成功", consume_state: 0 } } }));
const API = "alibaba.fc.cloud.rendering.sessionlifecyclenotify";

const session = obj({
  service_name: opt(anyText),
  action: anyTextNonEmpty,
  message_type: anyTextNonEmpty,
  project_id: anyTextNonEmpty,
  account_id: anyTextNonEmpty,
  game_session_id: anyTextNonEmpty,
  game_id: anyTextNonEmpty,
  time: numeric,
  scheduled_time: opt(numeric),
  user_start_time: opt(numeric),
  session_stop_time: opt(numeric),
  session_status: opt(anyText),
  tags: opt(anyText),
  device_type: opt(anyText),
  resource_level: opt(numeric),
});

/** `yyyy-MM-dd HH:mm:ss` in UTC+8, as epoch ms. */
const topTime = (text: string) => Date.parse(`${text.replace(" ", "T")}+08:00`);
const dedupe = new Dedupe();

export async function handler(event: unknown) {
  const req = readEvent(event);
  const secret = process.env.YUANJING_APP_SECRET!;
  const q = req.query;
  if (!q.sign) return fail(401, "isv.missing-signature");
  if (!(Math.abs(req.receivedAt - topTime(q.timestamp ?? "")) <= 900_000)) return fail(401, "isv.invalid-timestamp");
  const md5 = createHash("md5").update(secret);
  for (const key of Object.keys(q).sort()) if (key !== "sign") md5.update(key + q[key]);
  const sign = md5.update(req.body).update(secret).digest("hex").toUpperCase();
  if (!sameDigest(sign, q.sign)) return fail(401, "isv.invalid-signature");

  const parsed = parseJson(req.body);
  if (!parsed.ok) return quarantine("isv.invalid-format");
  const body = parsed.value;
  if (!isObj(body)) return quarantine("isv.invalid-format");
  if ((body.fc_group ?? "fc-dg-common") !== "fc-dg-common" || (body.fc_name ?? "cg") !== "cg") return fail(400, "isv.invalid-target");
  let param = body.request_param;
  if (typeof param === "string") {
    const inner = parseJson(param);
    if (!inner.ok) return quarantine("isv.invalid-format");
    param = inner.value;
  }
  const data = session(param) as Record<string, any> | typeof BAD;
  if (data === BAD) return quarantine("isv.invalid-parameter");
  const eventId = joinId(data.game_session_id, data.message_type, data.session_status, data.time);
  if (!dedupe.claim(eventId)) return OK;
  logAccepted({ id: eventId, platform: "yuanjing", callback: API, eventTime: data.time * 1000, receivedAt: req.receivedAt, data });
  return OK;
}
