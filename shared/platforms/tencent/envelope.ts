import { type InboundRequest, queryParam } from "../../core/inbound";
import { isPlainObject, parseJson } from "../../core/json";
import { type Checked, fail, ok } from "../../core/outcome";
import type { Opened } from "../../core/platform";
import { canonicalCommand } from "./aliases";

/** A Tencent callback body is the payload itself; CallbackCommand names it, in the query and in the body. */
export type TencentEnvelope = Record<string, unknown>;

export function openTencent(req: InboundRequest): Checked<Opened<TencentEnvelope>> {
  const parsed = parseJson(req.body.toString("utf8"));
  if (!parsed.ok) return parsed;
  const body = parsed.value;
  if (!isPlainObject(body)) return fail("malformed", "body must be a JSON object");

  const inBody = body.CallbackCommand;
  const inQuery = queryParam(req, "CallbackCommand", true);
  if (inBody !== undefined && typeof inBody !== "string") return fail("invalid", "CallbackCommand in the body must be a string");
  const command = inBody || inQuery;
  if (!command) return fail("invalid", "CallbackCommand is missing from both the query and the body");
  // A documented misspelling in one of them still names the same command.
  if (inBody && inQuery && inBody !== inQuery && canonicalCommand(inBody) !== canonicalCommand(inQuery)) {
    return fail("invalid", `CallbackCommand differs between the query (${inQuery}) and the body (${inBody})`);
  }
  return ok({ callback: command, payload: body, envelope: body });
}
