import { createHash, randomUUID } from "node:crypto";
import { basename } from "node:path";
import type { FcFunctionSpec } from "../manifest/function-spec";
import { encodeBody, headerValue, joinedHeaders, joinedQuery, type RawRequest } from "../http/raw-request";

/** The HTTP trigger event, field for field as FC 3.0 sends it. */
export interface FcHttpTriggerEvent {
  version: "v1";
  rawPath: string;
  headers: Record<string, string>;
  queryParameters: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
  requestContext: {
    accountId: string;
    triggerId: string;
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    time: string;
    timeEpoch: string;
  };
}

export interface FcRequestContextInput {
  readonly accountId: string;
  /** The host the request was sent to, e.g. 127.0.0.1:9000. */
  readonly domainName: string;
  /** The path the function sees: what follows the trigger's address. */
  readonly rawPath: string;
  readonly requestId?: string;
  /** Names the trigger; the same for every request to one function. */
  readonly functionName: string;
}

/**
 * The exact JSON an FC 3.0 HTTP trigger hands the function (vendor/fc3/http-trigger-event.json):
 * header names as sent, repeats comma-joined, `timeEpoch` a string, base64 for a non-UTF-8 body.
 */
export function fcHttpEvent(raw: RawRequest, input: FcRequestContextInput): FcHttpTriggerEvent {
  const { body, isBase64Encoded } = encodeBody(raw.body);
  return {
    version: "v1",
    rawPath: input.rawPath,
    headers: joinedHeaders(raw, false),
    queryParameters: joinedQuery(raw.rawQuery),
    body,
    isBase64Encoded,
    requestContext: {
      accountId: input.accountId,
      triggerId: triggerId(input.functionName),
      domainName: input.domainName,
      domainPrefix: input.domainName.split(".")[0]!.split(":")[0]!,
      http: {
        method: raw.method,
        path: input.rawPath,
        protocol: raw.protocol,
        sourceIp: raw.sourceIp,
        userAgent: headerValue(raw, "user-agent") ?? "",
      },
      requestId: input.requestId ?? randomUUID(),
      time: new Date(raw.receivedAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
      timeEpoch: String(raw.receivedAt),
    },
  };
}

/** A stable UUID-shaped id per function, as a real trigger has one. */
function triggerId(functionName: string): string {
  const hex = createHash("sha1").update(`http-trigger:${functionName}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The `context` FC's Node.js runtime passes next to the event (the parts a function may read). */
export function fcContext(spec: FcFunctionSpec, requestId: string, accountId: string, qualifier = "LATEST"): Record<string, unknown> {
  return {
    requestId,
    accountId,
    region: spec.region,
    credentials: {},
    function: { name: spec.name, handler: `${basename(spec.file, ".js")}.${spec.exportName}`, memory: spec.memoryMb, timeout: spec.timeoutS },
    service: { name: "", logProject: "", logStore: "", qualifier, versionId: "" },
  };
}
