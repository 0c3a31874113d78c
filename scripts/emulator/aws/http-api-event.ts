import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { encodeBody, headerValue, joinedHeaders, joinedQuery, type RawRequest } from "../http/raw-request";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * The event an HTTP API (payload 2.0) hands Lambda: lower-cased headers with repeats comma-joined,
 * cookies moved out of the headers, `timeEpoch` a number, no `body` when the request has none.
 */
export function httpApiEvent(raw: RawRequest, input: { routeKey: string; pathParameters: Record<string, string>; domainName: string; requestId?: string }): APIGatewayProxyEventV2 {
  const headers = joinedHeaders(raw, true);
  const cookies = headers.cookie?.split(/;\s*/).filter(Boolean);
  delete headers.cookie;
  const query = joinedQuery(raw.rawQuery);
  const path = decodeURIComponent(raw.path);
  const event: APIGatewayProxyEventV2 = {
    version: "2.0",
    routeKey: input.routeKey,
    rawPath: raw.path,
    rawQueryString: raw.rawQuery,
    headers,
    requestContext: {
      accountId: "000000000000",
      apiId: "emulator",
      domainName: input.domainName,
      domainPrefix: input.domainName.split(".")[0]!.split(":")[0]!,
      http: { method: raw.method, path, protocol: raw.protocol, sourceIp: raw.sourceIp, userAgent: headerValue(raw, "user-agent") ?? "" },
      requestId: input.requestId ?? randomUUID(),
      routeKey: input.routeKey,
      stage: "$default",
      time: clf(raw.receivedAt),
      timeEpoch: raw.receivedAt,
    },
    isBase64Encoded: false,
  };
  if (cookies?.length) event.cookies = cookies;
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  if (Object.keys(input.pathParameters).length > 0) event.pathParameters = input.pathParameters;
  if (raw.body.length > 0) Object.assign(event, encodeBody(raw.body));
  return event;
}

/** `21/Nov/2026:04:00:00 +0000`, the format of requestContext.time. */
function clf(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** The Lambda context object's data (the worker adds getRemainingTimeInMillis). */
export function lambdaContext(input: { requestId: string; functionName: string; region: string; memoryMb: number }): Record<string, unknown> {
  return {
    awsRequestId: input.requestId,
    functionName: input.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${input.region}:000000000000:function:${input.functionName}`,
    memoryLimitInMB: String(input.memoryMb),
    logGroupName: `/aws/lambda/${input.functionName}`,
    logStreamName: `emulator/[$LATEST]${input.requestId.replace(/-/g, "")}`,
  };
}
