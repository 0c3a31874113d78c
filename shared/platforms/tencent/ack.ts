import { type Outcome, STATUS_OF_REASON } from "../../core/outcome";
import { type Answer, JSON_TYPE } from "../../core/platform";

/**
 * `{"ActionStatus","ErrorInfo","ErrorCode"}`. ErrorCode 0 means OK (and, for After callbacks,
 * "ignore the result"); on failure it carries the HTTP status, so a Before callback is refused.
 * Tencent counts only a non-200 status or a non-JSON body as a failed callback (retried when retry
 * is on), so a quarantined one, which no retry can make pass, is a FAIL answered with HTTP 200.
 */
export function tencentAck(outcome: Outcome): Answer {
  if (outcome.kind !== "refused") {
    return { status: 200, headers: JSON_TYPE, body: '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}' };
  }
  const status = STATUS_OF_REASON[outcome.reason];
  const info = `${outcome.quarantined ? "quarantined: " : ""}${outcome.reason}: ${outcome.message}`;
  const body = JSON.stringify({ ActionStatus: "FAIL", ErrorInfo: info, ErrorCode: status });
  return { status: outcome.quarantined ? 200 : status, headers: JSON_TYPE, body };
}
