/**
 * What a function's answer says, read the way each platform reads it. Used by the emulator's log line
 * and by the sender's exit code, so both agree on what "accepted" means.
 */
export interface Verdict {
  readonly accepted: boolean;
  /** accepted | refused (a well-formed platform ack saying no) | error (anything else). */
  readonly kind: "accepted" | "refused" | "error";
  readonly platform?: "tencent-live" | "sud" | "yuanjing";
  /** The ack's own words on a refusal; a short description otherwise. */
  readonly detail: string;
}

/** A quarantined callback is answered as "received" so the platform stops retrying; it was not accepted. */
const QUARANTINED = /^quarantined: /;

export function readVerdict(status: number, body: string): Verdict {
  const json = parseObject(body);
  if (json) {
    if ("ActionStatus" in json) {
      const accepted = status === 200 && json.ActionStatus === "OK" && json.ErrorCode === 0;
      return verdict(accepted, "tencent-live", accepted ? "" : String(json.ErrorInfo ?? `ErrorCode ${String(json.ErrorCode)}`));
    }
    if ("ret_code" in json) {
      const accepted = status === 200 && json.ret_code === 0 && !QUARANTINED.test(String(json.ret_msg));
      return verdict(accepted, "sud", accepted ? "" : String(json.ret_msg ?? `ret_code ${String(json.ret_code)}`));
    }
    const result = json.result as Record<string, unknown> | undefined;
    if (result && typeof result === "object" && "code" in result) {
      const accepted = status === 200 && result.code === "0" && !QUARANTINED.test(String(result.message));
      return verdict(accepted, "yuanjing", accepted ? "" : String(result.message ?? `code ${String(result.code)}`));
    }
    const error = json.error_response as Record<string, unknown> | undefined;
    if (error && typeof error === "object") return verdict(false, "yuanjing", `${String(error.sub_code)}: ${String(error.sub_msg)}`);
  }
  if (body.includes("<error_response>")) {
    return verdict(false, "yuanjing", `${tag(body, "sub_code")}: ${tag(body, "sub_msg")}`);
  }
  if (body.includes("_response>") && tag(body, "code") === "0") {
    const message = tag(body, "message");
    return QUARANTINED.test(message) ? verdict(false, "yuanjing", message) : verdict(status === 200, "yuanjing", "");
  }
  return { accepted: false, kind: "error", detail: `HTTP ${status}: not a platform ack: ${body.slice(0, 160)}` };
}

function verdict(accepted: boolean, platform: NonNullable<Verdict["platform"]>, detail: string): Verdict {
  return { accepted, kind: accepted ? "accepted" : "refused", platform, detail };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function tag(xml: string, name: string): string {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? "";
}
