import * as z from "zod/mini";
import { defineCallback, lazy } from "../../../core/callback";
import type { InboundRequest } from "../../../core/inbound";
import { isPlainObject, parseJson } from "../../../core/json";
import { type Checked, fail, type Outcome, STATUS_OF_REASON, ok } from "../../../core/outcome";
import { type Answer, JSON_TYPE, type Opened, type Platform } from "../../../core/platform";
import type { SudConfig } from "../config";
import { sud } from "../index";

/** The payload of a callback without a schema here: one schema object, built when the first such callback arrives. */
const anyPayload = lazy(() => z.unknown());

/** An app-server call has no envelope: the interface is named by the URL's last path segment. */
export interface SudAppCall {
  readonly interface: string;
}

/** The last segment of the path (`/sud/get_sstoken` → `get_sstoken`). */
export function interfaceOf(path: string): string {
  const segments = path.split("?")[0]!.split("/").filter(Boolean);
  return segments[segments.length - 1] ?? "";
}

function openCall(req: InboundRequest, fixed: string | undefined): Checked<Opened<SudAppCall>> {
  const name = fixed ?? interfaceOf(req.path);
  if (!name) return fail("wrong_callback", "the URL names no interface: SUD calls <prefix>/get_sstoken, <prefix>/update_sstoken, ...");
  const parsed = parseJson(req.body.toString("utf8"));
  if (!parsed.ok) return parsed;
  if (!isPlainObject(parsed.value)) return fail("malformed", "body must be a JSON object");
  return ok({ callback: name, payload: parsed.value, envelope: { interface: name } });
}

/**
 * A refusal in SUD's answer shape. A business answer is always HTTP 200 (`ret_code` says it); a
 * non-200 status only where SUD should see a transport failure (not authentic, misconfigured, busy).
 * A quarantined call (an interface not served, a body off-shape) is 200 with `ret_code` 1: SUD shows
 * it as the app server's error, and a retry cannot make it pass.
 */
export function sudAppAck(outcome: Outcome): Answer {
  if (outcome.kind !== "refused") return { status: 200, headers: JSON_TYPE, body: '{"ret_code":0,"ret_msg":"SUCCESS"}' };
  if (outcome.quarantined) {
    return { status: 200, headers: JSON_TYPE, body: JSON.stringify({ ret_code: 1, ret_msg: `quarantined: ${outcome.reason}: ${outcome.message}` }) };
  }
  const status = STATUS_OF_REASON[outcome.reason];
  return { status, headers: JSON_TYPE, body: JSON.stringify({ ret_code: status, ret_msg: `${outcome.reason}: ${outcome.message}` }) };
}

/**
 * SUD's synchronous app-server interfaces (login tokens, user info, game reports): signed as the
 * notifications are, JSON bodies without an envelope. `fixed` serves one interface at any path;
 * without it the interface is the path's last segment, as SUD's configuration takes one prefix.
 */
export function sudAppServer(fixed?: string): Platform<SudConfig, SudAppCall> {
  return {
    ...sud,
    envelopeId: undefined,
    open: (req) => openCall(req, fixed),
    // No envelope to validate.
    schemas: undefined,
    genericCallback: (name) => defineCallback({ name, description: "An interface without a schema here", schema: anyPayload, dedupeId: () => name, eventTime: () => undefined }),
    ack: sudAppAck,
  };
}
