// The floor for Tencent Live: SdkAppid, Sign = sha256(token + RequestTime) within 60 s, the JSON rules,
// the command from body or query, each served command's fields (accounts as strings), the dedupe id,
// an in-memory dedupe, the accepted line, the ack. An authentic body that cannot pass is answered as
// quarantined (HTTP 200, ErrorCode 400), as the product answers it.
import { createHash } from "node:crypto";
import { arr, BAD, bool, type Check, id, int, joinId, obj, opt, str, text } from "./checks";
import { Dedupe, logAccepted, reply, readEvent, sameDigest } from "./event";
import { parseJson } from "./json";

const OK = reply(200, '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}');
const fail = (status: number, info: string) => reply(status, JSON.stringify({ ActionStatus: "FAIL", ErrorInfo: info, ErrorCode: status }));
const quarantine = (why: string) => reply(200, JSON.stringify({ ActionStatus: "FAIL", ErrorInfo: `quarantined: ${why}`, ErrorCode: 400 }));

const room = obj({ RoomId: str, Owner_Account: id });
const scoredRoom = obj({ RoomId: str, Owner_Account: id, Score: opt(int) });
const roomInfo = obj({
  RoomId: opt(str),
  RoomName: opt(str),
  RoomType: opt(str),
  Owner_Account: opt(id),
  IsSeatEnabled: opt(bool),
  TakeSeatMode: opt(str),
  MaxMemberCount: opt(int),
  MaxSeatCount: opt(int),
  Category: opt(arr(int)),
  CustomInfo: opt(str),
  IsMessageDisabled: opt(bool),
  CoverURL: opt(str),
  ActivityStatus: opt(int),
  IsPublicVisible: opt(bool),
  ViewCount: opt(int),
  BackgroundURL: opt(str),
  IsUnlimitedRoomEnabled: opt(bool),
});
const statistic = obj({ TotalViewers: opt(int), TotalGiftsSent: opt(int), TotalGiftCoins: opt(int), TotalUniqueGiftSenders: opt(int), TotalLikesReceived: opt(int) });
const END_REASONS: Record<number, string> = { 0: "time_up", 1: "all_hosts_left", 2: "never_started" };

type Data = Record<string, any>;
export interface Command {
  readonly check: Check;
  readonly id: (d: Data) => string;
  readonly subEvent?: (d: Data) => string | undefined;
}

/** Exported for bench/floor/tencent-zod.ts, which swaps one command's check for the product's. */
export const COMMANDS: Record<string, Command> = {
  "Live.CallbackAfterStartBattle": {
    check: obj({ CallbackCommand: opt(str), BattleId: text, Duration: int, CreateTime: int, StartTime: int, FromRoomInfo: room, ToRoomList: arr(room), EventTime: int }),
    id: (d) => joinId("Live.CallbackAfterStartBattle", d.BattleId),
  },
  "Live.CallbackAfterEndBattle": {
    check: (v) => {
      const d = endBattle(v) as Data | typeof BAD;
      if (d !== BAD) d.endReason = END_REASONS[d.OpType] ?? "unknown";
      return d;
    },
    id: (d) => joinId("Live.CallbackAfterEndBattle", d.BattleId),
    subEvent: (d) => (d.endReason === "unknown" ? undefined : d.endReason),
  },
  "Live.CallbackAfterDestroyRoom": {
    check: obj({ CallbackCommand: opt(str), RoomId: text, Operator_Account: opt(id), EventType: opt(str), EventTime: int, RoomInfo: opt(roomInfo), Statistic: opt(statistic) }),
    id: (d) => joinId("Live.CallbackAfterDestroyRoom", d.RoomId, d.EventTime),
    subEvent: (d) => (d.EventType === "DestroyByUser" || d.EventType === "DestroyBySystem" ? d.EventType : undefined),
  },
};
const endBattle = obj({
  CallbackCommand: opt(str),
  BattleId: text,
  Duration: int,
  CreateTime: int,
  StartTime: int,
  EndTime: int,
  OpType: int,
  FromRoomInfo: scoredRoom,
  ToRoomList: arr(scoredRoom),
  EventTime: int,
});

const dedupe = new Dedupe();

export async function handler(event: unknown) {
  const req = readEvent(event);
  const q = req.query;
  if (q.SdkAppid !== process.env.TENCENT_SDK_APP_ID) return fail(403, "not ours");
  const time = q.RequestTime;
  if (!time || !/^\d{1,12}$/.test(time) || Math.abs(req.receivedAt / 1000 - Number(time)) > 60) return fail(401, "RequestTime");
  const sign = createHash("sha256")
    .update(process.env.TENCENT_CALLBACK_TOKEN + time)
    .digest("hex");
  if (!sameDigest(sign, q.Sign)) return fail(401, "Sign");

  const parsed = parseJson(req.body);
  if (!parsed.ok) return quarantine(`malformed: body ${parsed.problem}`);
  const body = parsed.value as Data;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return quarantine("malformed: body must be a JSON object");
  const name = body.CallbackCommand || q.CallbackCommand;
  const command = COMMANDS[name];
  if (!command) return quarantine(`wrong_callback: ${name}`);
  const data = command.check(body) as Data | typeof BAD;
  if (data === BAD) return quarantine("invalid");
  const eventId = command.id(data);
  if (!dedupe.claim(eventId)) return OK;
  logAccepted({ id: eventId, platform: "tencent-live", callback: name, subEvent: command.subEvent?.(data), eventTime: data.EventTime, receivedAt: req.receivedAt, data });
  return OK;
}
