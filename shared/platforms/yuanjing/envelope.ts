import type { InboundRequest } from "../../core/inbound";
import { isPlainObject, parseJson } from "../../core/json";
import { type Checked, fail, ok } from "../../core/outcome";
import type { Opened } from "../../core/platform";
import type { YuanjingConfig } from "./config";
import { formFields, isFormBody } from "./params";

export const SESSION_LIFECYCLE_API = "alibaba.fc.cloud.rendering.sessionlifecyclenotify";

/** The SPI request around `request_param`. */
export interface YuanjingEnvelope {
  readonly fc_group: string;
  readonly fc_name: string;
}

/**
 * The request arrives as a direct invocation's JSON (the whole request, or `request_param` alone),
 * or over HTTP as a JSON body, a form-encoded body, or query parameters. `request_param` may be an
 * object or JSON text.
 */
export function openYuanjing(req: InboundRequest, config: YuanjingConfig): Checked<Opened<YuanjingEnvelope>> {
  const fields = requestFields(req);
  if (!fields.ok) return fields;
  const { fc_group: group = config.fcGroup, fc_name: name = config.fcName } = fields.value;
  if (typeof group !== "string" || typeof name !== "string") return fail("invalid", "fc_group and fc_name must be strings");
  if (group !== config.fcGroup || name !== config.fcName) {
    return fail("not_ours", `this function serves fc_group=${config.fcGroup} fc_name=${config.fcName}, not fc_group=${group} fc_name=${name}`);
  }

  let param = fields.value.request_param;
  if (param === undefined) return fail("invalid", "request_param is required");
  if (typeof param === "string") {
    const parsed = parseJson(param);
    if (!parsed.ok) return fail("invalid", `request_param is not a JSON object: ${parsed.message}`);
    param = parsed.value;
  }
  if (!isPlainObject(param)) return fail("invalid", "request_param must be an object");
  return ok({ callback: SESSION_LIFECYCLE_API, payload: param, envelope: { fc_group: group, fc_name: name } });
}

function requestFields(req: InboundRequest): Checked<Record<string, unknown>> {
  if (req.transport === "http" && isFormBody(req)) return ok({ ...req.query, ...formFields(req) });
  const text = req.body.toString("utf8");
  if (req.transport === "http" && text.trim() === "") return ok({ ...req.query });
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  if (!isPlainObject(parsed.value)) return fail("malformed", "body must be a JSON object");
  const body = parsed.value;
  // A direct invocation may carry `request_param` alone.
  if (!("request_param" in body) && ("game_session_id" in body || "action" in body)) return ok({ request_param: body });
  return ok(req.transport === "http" ? { ...pick(req.query), ...body } : body);
}

/** Only the SPI's own fields are read from the query of a JSON call (the rest are TOP's). */
function pick(query: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ["fc_group", "fc_name", "request_param"]) if (query[key] !== undefined) out[key] = query[key]!;
  return out;
}
