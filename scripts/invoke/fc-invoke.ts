import FCClient from "@alicloud/fc2";
import { readVerdict, type Verdict } from "../emulator/verdict";

export interface FcCredentials {
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly region: string;
  readonly securityToken?: string;
}

export interface FcInvokeOptions extends FcCredentials {
  /** Unset: the real FC endpoint of the account and region. The emulator's URL with --local. */
  readonly endpoint?: string;
  readonly service: string;
  readonly functionName: string;
  readonly payload: string;
  readonly qualifier?: string;
  readonly async?: boolean;
  readonly timeoutMs?: number;
}

export interface FcInvokeResult {
  readonly requestId?: string;
  /** X-Fc-Error-Type when the function itself failed (the call still succeeds). */
  readonly errorType?: string;
  readonly body: string;
  readonly verdict: Verdict;
}

/** A direct invocation through FC's InvokeFunction API (2016-08-15), signed by @alicloud/fc2. */
export async function invokeViaFc(options: FcInvokeOptions): Promise<FcInvokeResult> {
  const client = new FCClient(options.accountId, {
    accessKeyID: options.accessKeyId,
    accessKeySecret: options.accessKeySecret,
    securityToken: options.securityToken,
    region: options.region,
    endpoint: options.endpoint,
    secure: true,
    timeout: options.timeoutMs ?? 30_000,
  });
  const headers: Record<string, string> = options.async ? { "x-fc-invocation-type": "Async" } : {};
  const response = await client.invokeFunction(options.service, options.functionName, options.payload, headers, options.qualifier);
  const data = response.data;
  const body = typeof data === "string" ? data : Buffer.isBuffer(data) ? data.toString("utf8") : JSON.stringify(data ?? "");
  const errorType = response.headers["x-fc-error-type"];
  return {
    requestId: response.headers["x-fc-request-id"],
    errorType,
    body,
    verdict: errorType ? { accepted: false, kind: "error", detail: `${errorType}: ${body}` } : readVerdict(200, body),
  };
}
