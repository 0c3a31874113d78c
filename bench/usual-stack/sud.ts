// The usual stack for SUD: the HMAC checked by hand, then Powertools Parser's API Gateway v2 envelope with a full-zod schema.
import { createHmac, timingSafeEqual } from "node:crypto";
import { parse } from "@aws-lambda-powertools/parser";
import { ApiGatewayV2Envelope } from "@aws-lambda-powertools/parser/envelopes";
import { JSONStringified } from "@aws-lambda-powertools/parser/helpers";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { sudNotify } from "./schemas";
import { logAccepted, reply } from "./respond";

const OK = '{"ret_code":0,"ret_msg":"SUCCESS"}';
const fail = (status: number, msg: string) => reply(status, JSON.stringify({ ret_code: status, ret_msg: msg }));
const BODY = JSONStringified(sudNotify);

export async function handler(event: APIGatewayProxyEventV2) {
  const h = event.headers;
  const appId = h["sud-appid"];
  if (appId !== process.env.SUD_APP_ID) return fail(403, "not ours");
  const expected = createHmac("sha1", process.env.SUD_APP_SECRET!)
    .update(`${appId}\n${h["sud-timestamp"]}\n${h["sud-nonce"]}\n${event.body ?? ""}\n`)
    .digest("hex");
  const received = h["sud-signature"] ?? "";
  if (received.length !== expected.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(received))) return fail(401, "signature");

  const parsed = parse(event, ApiGatewayV2Envelope, BODY, true);
  if (!parsed.success) return fail(400, parsed.error.message);
  const body = parsed.data as { notify_id: string; notify_event: string; data: unknown };
  logAccepted("sud", body.notify_event, body.notify_id, body.data);
  return reply(200, OK);
}
