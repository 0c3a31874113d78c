import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { type InboundRequest, invocation, lowerCaseKeys } from "../core/inbound";
import type { Answer } from "../core/platform";
import { decodeBody, isBodyField, stringValues } from "./values";

/** An HTTP API (payload 2.0) or Function URL event. */
export function isLambdaHttpEvent(event: unknown): event is APIGatewayProxyEventV2 {
  const candidate = event as Partial<APIGatewayProxyEventV2> | null;
  return (
    typeof candidate === "object" && candidate !== null && candidate.version === "2.0" && typeof candidate.requestContext?.http?.method === "string" && isBodyField(candidate.body)
  );
}

export function fromLambdaHttpEvent(event: APIGatewayProxyEventV2, context: Partial<Context> | undefined, receivedAt: number): InboundRequest {
  const query = stringValues(event.queryStringParameters);
  const headers = lowerCaseKeys(event.headers);
  // HTTP API moves Cookie headers out of `headers`; put them back so the request is whole.
  if (Array.isArray(event.cookies) && event.cookies.length) headers.cookie = event.cookies.join("; ");
  const { body, unreadable } = decodeBody(event.body, Boolean(event.isBase64Encoded));
  return {
    transport: "http",
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath || event.requestContext.http.path || "/",
    query,
    headers,
    body,
    receivedAt,
    deadlineAt: lambdaDeadline(context, receivedAt),
    sourceIp: event.requestContext.http.sourceIp,
    requestId: event.requestContext.requestId || context?.awsRequestId,
    unreadable,
  };
}

/** A direct Lambda invocation: the parsed payload is serialised back to the bytes of the request. */
export function fromLambdaInvocation(event: unknown, context: Partial<Context> | undefined, receivedAt: number): InboundRequest {
  const body = Buffer.isBuffer(event) ? event : Buffer.from(typeof event === "string" ? event : JSON.stringify(event ?? null));
  return invocation(body, receivedAt, lambdaDeadline(context, receivedAt), context?.awsRequestId);
}

export function toLambdaHttpResult(answer: Answer): APIGatewayProxyStructuredResultV2 {
  return { statusCode: answer.status, headers: { ...answer.headers }, body: answer.body, isBase64Encoded: false };
}

function lambdaDeadline(context: Partial<Context> | undefined, receivedAt: number): number | undefined {
  return typeof context?.getRemainingTimeInMillis === "function" ? receivedAt + context.getRemainingTimeInMillis() : undefined;
}
