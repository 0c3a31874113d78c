// The floor for Tencent Live: SdkAppid check, Sign = sha256(token + RequestTime) within 60 s, parse, required fields, ack.
import { createHash } from "node:crypto";
import { isId, isInt, isObj, isText, type Obj } from "./checks";
import { logAccepted, parseBody, readEvent, reply, sameDigest } from "./event";

const OK = '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}';
const fail = (status: number, info: string) => reply(status, JSON.stringify({ ActionStatus: "FAIL", ErrorInfo: info, ErrorCode: status }));

const isRoom = (v: unknown) => isObj(v) && typeof v.RoomId === "string" && isId(v.Owner_Account);
const battle = (b: Obj) =>
  isText(b.BattleId) && isInt(b.Duration) && isInt(b.CreateTime) && isInt(b.StartTime) && isInt(b.EventTime) &&
  isRoom(b.FromRoomInfo) && Array.isArray(b.ToRoomList) && b.ToRoomList.every(isRoom);

/** Required fields per command, and the dedupe id each yields. */
const COMMANDS: Record<string, { valid(b: Obj): boolean; id(b: Obj): string }> = {
  "Live.CallbackAfterStartBattle": { valid: battle, id: (b) => `${b.BattleId}` },
  "Live.CallbackAfterEndBattle": { valid: (b) => battle(b) && isInt(b.EndTime) && isInt(b.OpType), id: (b) => `${b.BattleId}` },
  "Live.CallbackAfterDestroyRoom": { valid: (b) => isText(b.RoomId) && isInt(b.EventTime), id: (b) => `${b.RoomId}:${b.EventTime}` },
};

export async function handler(event: unknown) {
  const req = readEvent(event);
  if (req.query.SdkAppid !== process.env.TENCENT_SDK_APP_ID) return fail(403, "not ours");
  const time = req.query.RequestTime;
  if (!time || Math.abs(Date.now() / 1000 - Number(time)) > 60) return fail(401, "RequestTime");
  const sign = createHash("sha256").update(process.env.TENCENT_CALLBACK_TOKEN + time).digest("hex");
  if (!sameDigest(sign, req.query.Sign)) return fail(401, "Sign");

  let body: unknown;
  try {
    body = parseBody(req.body);
  } catch {
    return fail(400, "not JSON");
  }
  if (!isObj(body)) return fail(400, "not an object");
  const command = COMMANDS[String(body.CallbackCommand ?? req.query.CallbackCommand)];
  if (!command || !command.valid(body)) return fail(400, "invalid");
  logAccepted("tencent-live", String(body.CallbackCommand), command.id(body), body);
  return reply(200, OK);
}
