import { randomUUID } from "node:crypto";
import { type HttpAnswer, toHttpAnswer } from "../http/answer";
import { headerValue, type RawRequest } from "../http/raw-request";
import type { Handled } from "../fc/trigger";
import { logEntry } from "../fc/trigger";
import type { Registry } from "../registry";
import { httpApiEvent, lambdaContext } from "./http-api-event";

/** Lambda's synchronous payload limit. */
export const AWS_BODY_LIMIT = 6 * 1024 * 1024;

/** An HTTP API route from serverless.yml: the request becomes a payload 2.0 event object. */
export async function handleHttpApi(registry: Registry, raw: RawRequest): Promise<Handled | undefined> {
  const found = registry.awsRoute(raw.method, decodeURIComponent(raw.path));
  if (!found) return undefined;
  const { entry, pathParameters } = found;
  const requestId = randomUUID();
  if (raw.body.length > AWS_BODY_LIMIT) return { answer: apiError(413, "Request Entity Too Large", requestId) };
  const routeKey = entry.route.path === "*" ? "$default" : `${entry.route.method === "*" ? "ANY" : entry.route.method} ${entry.route.path}`;
  const event = httpApiEvent(raw, { routeKey, pathParameters, domainName: headerValue(raw, "host") ?? "127.0.0.1", requestId });
  const context = lambdaContext({ requestId, functionName: entry.spec.name, region: entry.spec.region, memoryMb: entry.spec.memoryMb });
  const invocation = await entry.host.invoke({ kind: "object", value: event }, context);
  const answer = invocation.ok
    ? toHttpAnswer(invocation.result, "aws")
    : invocation.failure === "timeout"
      ? apiError(503, "Service Unavailable", requestId)
      : apiError(500, "Internal Server Error", requestId);
  answer.headers["apigw-requestid"] = requestId;
  return { answer, log: logEntry("aws", entry.spec.key, raw, answer, invocation) };
}

function apiError(status: number, message: string, requestId: string): HttpAnswer {
  return { status, headers: { "content-type": "application/json", "apigw-requestid": requestId }, body: Buffer.from(JSON.stringify({ message })) };
}
