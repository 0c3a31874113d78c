// The floor for 元镜 over HTTP: TOP MD5 sign over sorted query + raw body, timestamp window, parse, target and
// required fields, ack. (A form-encoded or XML call is not part of the benchmark.)
import { createHash } from "node:crypto";
import { isNumeric, isObj, isText } from "./checks";
import { logAccepted, parseBody, readEvent, reply, sameDigest } from "./event";

const OK = '{"result":{"code":"0","message":"成功","data":{"message":"成功","consume_state":0}}}';
const fail = (status: number, sub: string) =>
  reply(status, JSON.stringify({ error_response: { code: 50, msg: "Remote service error", sub_code: sub, sub_msg: sub } }));

/** `yyyy-MM-dd HH:mm:ss` in UTC+8, as epoch ms. */
const topTime = (text: string) => Date.parse(`${text.replace(" ", "T")}+08:00`);

export async function handler(event: unknown) {
  const req = readEvent(event);
  const secret = process.env.YUANJING_APP_SECRET!;
  const q = req.query;
  if (!q.sign || Math.abs(Date.now() - topTime(q.timestamp ?? "")) > 900_000) return fail(401, "isv.invalid-timestamp");
  const md5 = createHash("md5").update(secret);
  for (const key of Object.keys(q).sort()) if (key !== "sign") md5.update(key + q[key]);
  const sign = md5.update(req.body).update(secret).digest("hex").toUpperCase();
  if (!sameDigest(sign, q.sign)) return fail(401, "isv.invalid-signature");

  let body: unknown;
  try {
    body = parseBody(req.body);
  } catch {
    return fail(400, "isv.invalid-format");
  }
  if (!isObj(body) || (body.fc_group ?? "fc-dg-common") !== "fc-dg-common" || (body.fc_name ?? "cg") !== "cg") return fail(400, "isv.invalid-target");
  const p = typeof body.request_param === "string" ? parseBody(body.request_param) : body.request_param;
  if (
    !isObj(p) || !isText(p.action) || !isText(p.message_type) || !isText(p.project_id) || !isText(p.account_id) ||
    !isText(p.game_session_id) || !isText(p.game_id) || !isNumeric(p.time)
  ) {
    return fail(400, "isv.invalid-parameter");
  }
  logAccepted("yuanjing", "alibaba.fc.cloud.rendering.sessionlifecyclenotify", `${p.game_session_id}:${p.message_type}:${p.time}`, p);
  return reply(200, OK);
}
