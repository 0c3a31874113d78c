// The floor for SUD: Sud-AppId check, HMAC-SHA1 over `appId\ntimestamp\nnonce\nbody\n`, parse, required fields, ack.
import { createHmac } from "node:crypto";
import { isId, isObj, isText } from "./checks";
import { header, logAccepted, parseBody, readEvent, reply, sameDigest } from "./event";

const OK = '{"ret_code":0,"ret_msg":"SUCCESS"}';
const fail = (status: number, msg: string) => reply(status, JSON.stringify({ ret_code: status, ret_msg: msg }));

const isPlayer = (p: unknown) => isObj(p) && isId(p.uid) && isId(p.timestamp);

export async function handler(event: unknown) {
  const req = readEvent(event);
  const appId = header(req, "sud-appid");
  if (appId !== process.env.SUD_APP_ID) return fail(403, "not ours");
  const timestamp = header(req, "sud-timestamp");
  const nonce = header(req, "sud-nonce");
  const signature = createHmac("sha1", process.env.SUD_APP_SECRET!)
    .update(`${appId}\n${timestamp}\n${nonce}\n${req.body}\n`)
    .digest("hex");
  if (!timestamp || !nonce || !sameDigest(signature, header(req, "sud-signature"))) return fail(401, "signature");

  let body: unknown;
  try {
    body = parseBody(req.body);
  } catch {
    return fail(400, "not JSON");
  }
  if (!isObj(body) || !isText(body.notify_id) || !isId(body.notify_time) || !isText(body.notify_event)) return fail(400, "envelope");
  const data = body.data;
  if (!isObj(data) || !isId(data.mg_id) || !isId(data.room_id) || !isText(data.event) || !Array.isArray(data.players) || !data.players.every(isPlayer)) {
    return fail(400, "invalid");
  }
  logAccepted("sud", body.notify_event, body.notify_id, data);
  return reply(200, OK);
}
