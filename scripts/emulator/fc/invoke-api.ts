import { randomUUID } from "node:crypto";
import { invocationBody } from "../http/answer";
import { headerValue, type RawRequest } from "../http/raw-request";
import type { FcEntry, Registry } from "../registry";
import { type AccessKey, checkFcSignature } from "./signature";
import { fcContext, fcHttpEvent } from "./http-event";
import { fcError, functionError, type Handled, logEntry } from "./trigger";

const FC2_PATH = /^\/2016-08-15\/services\/([^/]+)\/functions\/([^/]+)\/invocations\/?$/;
const FC3_PATH = /^\/2023-03-30\/functions\/([^/]+)\/invocations\/?$/;
/** FC's limit for an asynchronous invocation's payload. */
const ASYNC_LIMIT = 128 * 1024;

export function isInvokePath(path: string): boolean {
  return FC2_PATH.test(path) || FC3_PATH.test(path);
}

export interface InvokeApiOptions {
  readonly registry: Registry;
  readonly accountId: string;
  readonly key: AccessKey;
  /** Where an asynchronous invocation reports when it finishes. */
  readonly onAsyncDone: (handled: Handled) => void;
}

/**
 * FC's InvokeFunction API: 2016-08-15 (FC 2.0, what @alicloud/fc2 and the 元镜 platform call with
 * fc_group / fc_name) hands the function the payload itself; 2023-03-30 (FC 3.0) does too, except
 * for a function with an HTTP trigger, which FC 3.0 hands an HTTP-shaped `v1` event of the API
 * request (see test/deploy/fc3/http-trigger-event.json).
 */
export async function handleInvokeApi(raw: RawRequest, options: InvokeApiOptions): Promise<Handled> {
  const requestId = randomUUID();
  if (raw.method !== "POST") return { answer: fcError(405, "MethodNotAllowed", "InvokeFunction is a POST", requestId) };
  const denied = checkFcSignature(raw, options.key);
  if (denied) return { answer: fcError(403, denied.code, denied.message, requestId) };

  const path = decodeURIComponent(raw.path);
  const v2 = FC2_PATH.exec(path);
  const v3 = FC3_PATH.exec(path);
  const [service = "", qualifier = "LATEST"] = v2 ? v2[1]!.split(".") : [];
  const name = (v2 ? v2[2] : v3?.[1]) ?? "";
  const entry = v2 ? options.registry.fcByServiceAndFunction(service, name) : options.registry.fcFunction(name);
  if (!entry) {
    const where = v2 ? ` in service ${service}` : "";
    return {
      answer: fcError(404, "FunctionNotFound", `function ${name} does not exist${where}; s.yaml declares ${options.registry.fc.map((e) => e.spec.name).join(", ")}`, requestId),
    };
  }

  const event =
    v3 && entry.spec.httpTrigger
      ? Buffer.from(
          JSON.stringify(
            fcHttpEvent(raw, {
              accountId: options.accountId,
              domainName: apiDomain(options.accountId, entry.spec.region),
              rawPath: raw.path,
              requestId,
              functionName: entry.spec.name,
            }),
          ),
        )
      : raw.body;
  const run = () => invoke(entry, raw, event, requestId, options.accountId, qualifier);

  if ((headerValue(raw, "x-fc-invocation-type") ?? "").toLowerCase() === "async") {
    if (raw.body.length > ASYNC_LIMIT) return { answer: fcError(413, "PayloadTooLarge", `an asynchronous payload is limited to ${ASYNC_LIMIT} bytes`, requestId) };
    void run().then(options.onAsyncDone);
    return { answer: { status: 202, headers: { "x-fc-request-id": requestId }, body: Buffer.alloc(0) } };
  }
  return run();
}

/** The InvokeFunction API's own domain, as FC 3.0 puts it in the event (functions tell API calls apart by it). */
function apiDomain(accountId: string, region: string): string {
  return `${accountId}.${region}.fc.aliyuncs.com`;
}

async function invoke(entry: FcEntry, raw: RawRequest, event: Buffer, requestId: string, accountId: string, qualifier: string): Promise<Handled> {
  const { spec, host } = entry;
  const context = fcContext(spec, requestId, accountId, qualifier);
  const invocation = await host.invoke({ kind: "bytes", data: event }, context);
  // A failed invocation is still HTTP 200 from the API; X-Fc-Error-Type tells the caller.
  const answer = invocation.ok
    ? (() => {
        const { body, contentType } = invocationBody(invocation.result);
        return { status: 200, headers: { "content-type": contentType, "x-fc-request-id": requestId } as Record<string, string>, body };
      })()
    : functionError(invocation, requestId, 200);
  return { answer, log: logEntry("fc-invoke", spec.key, raw, answer, invocation) };
}
