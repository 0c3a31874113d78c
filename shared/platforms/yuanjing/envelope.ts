import type { InboundRequest } from "../../core/inbound";
import { isPlainObject, parseJson } from "../../core/json";
import { type Checked, fail, ok } from "../../core/outcome";
import type { Opened } from "../../core/platform";
import type { YuanjingConfig } from "./config";
import { topParams } from "./params";

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
  if (req.transport === "invoke") return jsonFields(req.body.toString("utf8"));
  const read = topParams(req);
  if (!read.ok) return read;
  // The same map the sign and the timestamp window read (Object.fromEntries keeps any name as an own field).
  const { values, form } = read.value;
  const text = form ? "" : req.body.toString("utf8");
  if (text.trim() === "") return ok(Object.fromEntries(values));
  const body = jsonFields(text);
  if (!body.ok) return body;
  // Of a JSON call's parameters only the SPI's own fields are read (the rest are TOP's), and each from one place.
  const fields: Record<string, unknown> = {};
  for (const key of SPI_FIELDS) {
    if (!values.has(key)) continue;
    if (Object.hasOwn(body.value, key)) {
      const place = Object.hasOwn(req.query, key) ? "the query" : "a header named in top-sign-list";
      return fail("invalid", `${key} arrives in both ${place} and the JSON body; each parameter must come from one place`);
    }
    fields[key] = values.get(key);
  }
  return ok({ ...fields, ...body.value });
}

const SPI_FIELDS = ["fc_group", "fc_name", "request_param"] as const;

function jsonFields(text: string): Checked<Record<string, unknown>> {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  if (!isPlainObject(parsed.value)) return fail("malformed", "body must be a JSON object");
  const body = parsed.value;
  // A direct invocation may carry `request_param` alone.
  if (!("request_param" in body) && ("game_session_id" in body || "action" in body)) return ok({ request_param: body });
  return ok(body);
}
