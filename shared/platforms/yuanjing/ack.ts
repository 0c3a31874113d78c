import type { InboundRequest } from "../../core/inbound";
import type { Outcome, Reason } from "../../core/outcome";
import { STATUS_OF_REASON } from "../../core/outcome";
import type { Answer } from "../../core/platform";
import type { YuanjingConfig } from "./config";
import { MAX_BODY_BYTES, topParams } from "./params";

const ROOT = "alibaba_fc_cloud_rendering_sessionlifecyclenotify_response";

/** The `isv.*` sub-code for each cause, so the caller can tell them apart. */
const SUB_CODE: Readonly<Record<Reason, string>> = {
  method_not_allowed: "isv.method-not-allowed",
  payload_too_large: "isv.payload-too-large",
  malformed: "isv.invalid-format",
  invalid: "isv.invalid-parameter",
  wrong_callback: "isv.invalid-parameter",
  signature_missing: "isv.missing-signature",
  signature_invalid: "isv.invalid-signature",
  timestamp_expired: "isv.invalid-timestamp",
  not_ours: "isv.invalid-target",
  misconfigured: "isv.service-misconfigured",
  in_progress: "isv.request-in-progress",
  delivery_failed: "isv.service-unavailable",
  internal: "isv.internal-error",
};

/**
 * Success is the TacResult; a failure TOP's `error_response`. XML when the request asks `format=xml`.
 * 元镜 documents no retry policy, and the TacResult is the one answer known to end a call: a
 * quarantined callback, which no retry can make pass, gets it with code "0" and, as its message, the
 * sub-code and message an error would have carried.
 */
export function yuanjingAck(outcome: Outcome, req: InboundRequest, config: YuanjingConfig | undefined): Answer {
  const xml = req.transport === "http" && wantsXml(req);
  if (outcome.kind !== "refused" || outcome.quarantined) {
    const message = outcome.kind === "refused" ? `quarantined: ${SUB_CODE[outcome.reason]}: ${outcome.message}` : "成功";
    const result = { code: "0", message, data: { message, consume_state: config?.consumeState ?? 0 } };
    return answer(200, xml, ROOT, { result });
  }
  const error = { code: 50, msg: "Remote service error", sub_code: SUB_CODE[outcome.reason], sub_msg: outcome.message };
  return answer(STATUS_OF_REASON[outcome.reason], xml, "error_response", error);
}

/**
 * `format` from the request's one parameter map. A body over the limit is not parsed for it, and a
 * request whose parameters clash is answered as its query asks (where TOP puts `format`).
 */
function wantsXml(req: InboundRequest): boolean {
  const params = req.body.length <= MAX_BODY_BYTES ? topParams(req) : undefined;
  const format = params?.ok ? params.value.values.get("format") : req.query.format;
  return format?.toLowerCase() === "xml";
}

function answer(status: number, xml: boolean, root: string, content: Record<string, unknown>): Answer {
  if (xml) {
    return { status, headers: { "content-type": "application/xml; charset=utf-8" }, body: `<?xml version="1.0" encoding="utf-8"?>${toXml(root, content)}` };
  }
  const body = root === ROOT ? content : { [root]: content };
  return { status, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(body) };
}

function toXml(name: string, value: unknown): string {
  const inner =
    typeof value === "object" && value !== null
      ? Object.entries(value)
          .map(([k, v]) => toXml(k, v))
          .join("")
      : escapeXml(String(value));
  return `<${name}>${inner}</${name}>`;
}

const ESCAPES: Readonly<Record<string, string>> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;", "\r": "&#13;" };

/**
 * Characters XML 1.0 has no place for: C0 controls but tab, LF and CR; U+FFFE and U+FFFF; a
 * surrogate without its pair. No escape makes them legal (`&#1;` is ill-formed too).
 */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text for an XML element: markup characters escaped (CR as a reference, which parsers would
 * otherwise turn into LF), and each character XML forbids written as `\uXXXX`, so a message naming
 * a caller's odd value stays readable and the answer always parses.
 */
function escapeXml(text: string): string {
  return text.replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).replace(/[<>&'"\r]/g, (c) => ESCAPES[c]!);
}
