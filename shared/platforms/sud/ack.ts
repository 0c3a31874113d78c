import { type Outcome, STATUS_OF_REASON } from "../../core/outcome";
import { type Answer, JSON_TYPE } from "../../core/platform";

/**
 * `{"ret_code","ret_msg"}`: 0 is success; any other code makes SUD retry, so it carries the HTTP status.
 * A quarantined callback is 0, "received": retrying cannot make it pass. `ret_msg` says what was wrong.
 */
export function sudAck(outcome: Outcome): Answer {
  if (outcome.kind !== "refused") return { status: 200, headers: JSON_TYPE, body: '{"ret_code":0,"ret_msg":"SUCCESS"}' };
  if (outcome.quarantined) {
    return { status: 200, headers: JSON_TYPE, body: JSON.stringify({ ret_code: 0, ret_msg: `quarantined: ${outcome.reason}: ${outcome.message}` }) };
  }
  const status = STATUS_OF_REASON[outcome.reason];
  return { status, headers: JSON_TYPE, body: JSON.stringify({ ret_code: status, ret_msg: `${outcome.reason}: ${outcome.message}` }) };
}
