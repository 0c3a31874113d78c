// The usual stack for 元镜 over HTTP: the TOP MD5 sign checked by hand, then Powertools Parser's API Gateway v2
// envelope with a full-zod schema.
import { createHash, timingSafeEqual } from "node:crypto";
import { parse } from "@aws-lambda-powertools/parser";
import { ApiGatewayV2Envelope } from "@aws-lambda-powertools/parser/envelopes";
import { JSONStringified } from "@aws-lambda-powertools/parser/helpers";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { yuanjingRequest } from "./schemas";
import { logAccepted, reply } from "./respond";

const OK = '{"result":{"code":"0","message":"成功","data":{"message":"成功","consume_state":0}}}';
const fail = (status: number, sub: string) =>
  reply(status, JSON.stringify({ error_response: { code: 50, msg: "Remote service error", sub_code: sub, sub_msg: sub } }));
const BODY = JSONStringified(yuanjingRequest);

export async function handler(event: APIGatewayProxyEventV2) {
  const q = event.queryStringParameters ?? {};
  const secret = process.env.YUANJING_APP_SECRET!;
  const at = Date.parse(`${(q.timestamp ?? "").replace(" ", "T")}+08:00`);
  if (!q.sign || !(Math.abs(Date.now() - at) <= 900_000)) return fail(401, "isv.invalid-timestamp");
  const md5 = createHash("md5").update(secret);
  for (const key of Object.keys(q).sort()) if (key !== "sign") md5.update(key + q[key]);
  const sign = md5.update(event.body ?? "").update(secret).digest("hex").toUpperCase();
  if (sign.length !== q.sign.length || !timingSafeEqual(Buffer.from(sign), Buffer.from(q.sign))) return fail(401, "isv.invalid-signature");

  const parsed = parse(event, ApiGatewayV2Envelope, BODY, true);
  if (!parsed.success) return fail(400, "isv.invalid-parameter");
  const { fc_group, fc_name, request_param: p } = parsed.data as { fc_group: string; fc_name: string; request_param: Record<string, unknown> };
  if (fc_group !== "fc-dg-common" || fc_name !== "cg") return fail(400, "isv.invalid-target");
  logAccepted("yuanjing", "alibaba.fc.cloud.rendering.sessionlifecyclenotify", `${p.game_session_id}:${p.message_type}:${p.time}`, p);
  return reply(200, OK);
}
