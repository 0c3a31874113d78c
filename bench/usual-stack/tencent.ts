// The usual stack for Tencent Live: Powertools Parser's API Gateway v2 envelope with full-zod schemas,
// the signature checked by hand beforehand (Powertools has no verifier for it).
import { createHash, timingSafeEqual } from "node:crypto";
import { parse } from "@aws-lambda-powertools/parser";
import { ApiGatewayV2Envelope } from "@aws-lambda-powertools/parser/envelopes";
import { JSONStringified } from "@aws-lambda-powertools/parser/helpers";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { battleEnd, battleStart, roomDestroyed } from "./schemas";
import { logAccepted, reply } from "./respond";

const OK = '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}';
const fail = (status: number, info: string) => reply(status, JSON.stringify({ ActionStatus: "FAIL", ErrorInfo: info, ErrorCode: status }));

// Built once at load, as the Powertools docs show.
const BODY = {
  "Live.CallbackAfterStartBattle": JSONStringified(battleStart),
  "Live.CallbackAfterEndBattle": JSONStringified(battleEnd),
  "Live.CallbackAfterDestroyRoom": JSONStringified(roomDestroyed),
} as Record<string, ReturnType<typeof JSONStringified>>;

export async function handler(event: APIGatewayProxyEventV2) {
  const q = event.queryStringParameters ?? {};
  if (q.SdkAppid !== process.env.TENCENT_SDK_APP_ID) return fail(403, "not ours");
  const time = q.RequestTime;
  if (!time || Math.abs(Date.now() / 1000 - Number(time)) > 60) return fail(401, "RequestTime");
  const sign = createHash("sha256").update(process.env.TENCENT_CALLBACK_TOKEN + time).digest("hex");
  if (!q.Sign || q.Sign.length !== sign.length || !timingSafeEqual(Buffer.from(sign), Buffer.from(q.Sign))) return fail(401, "Sign");

  const command = q.CallbackCommand ?? "";
  const schema = BODY[command];
  if (!schema) return fail(400, `unknown command ${command}`);
  const parsed = parse(event, ApiGatewayV2Envelope, schema, true);
  if (!parsed.success) return fail(400, parsed.error.message);
  const body = parsed.data as Record<string, unknown>;
  logAccepted("tencent-live", command, `${body.BattleId ?? `${body.RoomId}:${body.EventTime}`}`, body);
  return reply(200, OK);
}
