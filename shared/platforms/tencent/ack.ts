import { type Outcome, STATUS_OF_REASON } from "../../core/outcome";
import { type Answer, JSON_TYPE } from "../../core/platform";

/**
 * `{"ActionStatus","ErrorInfo","ErrorCode"}`. ErrorCode 0 means OK (and, for After callbacks,
 * "ignore the result"); on failure it carries the HTTP status, so a Before callback is refused.
 */
export function tencentAck(outcome: Outcome): Answer {
  if (outcome.kind !== "refused") {
    return { status: 200, headers: JSON_TYPE, body: '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}' };
  }
  const status = STATUS_OF_REASON[outcome.reason];
  const body = JSON.stringify({ ActionStatus: "FAIL", ErrorInfo: `${outcome.reason}: ${outcome.message}`, ErrorCode: status });
  return { status, headers: JSON_TYPE, body };
}
