import type { AnyAnswering } from "../core/answering";
import { sha256Hex } from "../core/crypto";
import type { CallbackEvent } from "../core/event";
import { composeId } from "../core/ids";
import type { InboundRequest } from "../core/inbound";
import { type Outcome, refuse } from "../core/outcome";
import type { AnsweringOptions } from "./answer";
import type { Decided } from "./answer-run";
import { answerRecordsOf } from "./dedupe/memory-answers";
import type { AnswerClaim } from "./dedupe/store";
import { logRefusal } from "./hand-off";
import { eventKey } from "./wire";

/** Kept back from the runtime's own timeout, as for delivery. */
const RUNTIME_MARGIN_MS = 250;

/**
 * An idempotent answering callback (SUD's update_score), after Powertools idempotency: the key is
 * claimed with the payload's hash before the handler runs; a handler's answer is stored with the claim
 * (completed), a fallback is not (the claim is released, at once or when a late handler ends, so the
 * next retry asks the handler again). A retry with the same payload gets the stored answer, the handler
 * not asked; one while the first runs gets a transient failure (the platform retries); one with other
 * content gets the callback's conflict answer. A store out of reach refuses: never answered unchecked.
 */
export async function answerOnce(options: AnsweringOptions, definition: AnyAnswering, event: CallbackEvent, req: InboundRequest, decide: () => Promise<Decided>): Promise<Outcome> {
  const { platform, log } = options;
  const idempotency = definition.answers.idempotency!;
  const dedupe = answerRecordsOf(options.dedupe);
  if (!dedupe) return logRefusal(log, platform, req, refuse("misconfigured", `${event.callback} needs a dedupe store that keeps answers`));
  const key = `answer:${eventKey(event)}`;
  const hash = sha256Hex(canonicalJson(idempotency.payload(event.data)));
  let claim: AnswerClaim;
  try {
    claim = await dedupe.claimAnswer(key, hash, inProgressMs(options, req));
  } catch (error) {
    log("warn", "idempotency record unavailable", { platform: platform.name, callback: event.callback, id: event.id, error: (error as Error).message, requestId: req.requestId });
    return logRefusal(log, platform, req, refuse("delivery_failed", "shared dedupe store unavailable; retry later"));
  }

  // A record under no hash is one being written: a retry later, never a conflict.
  if (claim.state !== "claimed" && claim.hash !== "" && claim.hash !== hash) {
    const data = idempotency.conflict(event.data);
    log("warn", "idempotency key reused with other content", { platform: platform.name, callback: event.callback, key: idempotency.key(event.data), requestId: req.requestId });
    // Its own event, so the backend sees the reuse; retries of the same reuse share its id.
    const conflict: CallbackEvent = { ...event, id: composeId(event.id, "conflict", hash.slice(0, 16)), answer: { data, source: "conflict" } };
    await options.handOff(conflict, req);
    return { kind: "answered", event: conflict, answer: definition.answers.toPlatform(data, event.data) };
  }
  if (claim.state === "in_progress") {
    return logRefusal(log, platform, req, refuse("in_progress", `${event.callback} ${idempotency.key(event.data)} is being answered by another request; retry later`));
  }
  if (claim.state === "completed") {
    log("info", "answered again from the idempotency record", { platform: platform.name, callback: event.callback, id: event.id, requestId: req.requestId });
    const answered: CallbackEvent = { ...event, answer: { data: claim.stored.data, source: "handler" } };
    // Delivered if the first attempt's delivery failed; else a duplicate for the hand-off.
    await options.handOff(answered, req);
    return { kind: "answered", event: answered, answer: claim.stored.answer };
  }

  let decided: Decided;
  try {
    decided = await decide();
  } catch (error) {
    // Not the handler's failure (decide catches those): the claim is given up, not left to block the order.
    await dedupe.releaseAnswer(key, claim.claim).catch(() => undefined);
    throw error;
  }
  if (decided.source === "handler") {
    await dedupe.completeAnswer(key, hash, { data: decided.data, answer: decided.platformAnswer }).catch((error: Error) =>
      // The answer stands (the handler has acted); a retry finds the claim in progress until it expires, then asks again.
      log("error", "answered, but the answer was not stored", { platform: platform.name, callback: event.callback, id: event.id, error: error.message }),
    );
  } else {
    // A late handler may still act: its claim holds until it ends (or expires), so no retry runs beside it.
    const release = () =>
      dedupe.releaseAnswer(key, claim.claim).then(
        () => log("info", "idempotency claim given up: the next retry asks the handler", { platform: platform.name, callback: event.callback, id: event.id, why: decided.source }),
        (error: Error) => log("warn", "idempotency claim not released", { id: event.id, error: error.message }),
      );
    if (decided.pending) void decided.pending.then(release);
    else await release();
  }
  const answered: CallbackEvent = { ...event, answer: { data: decided.data, source: decided.source } };
  await options.handOff(answered, req);
  return { kind: "answered", event: answered, answer: decided.platformAnswer };
}

/** The claim holds for the time the function has left, else the platform's time limit. */
function inProgressMs(options: AnsweringOptions, req: InboundRequest): number {
  const until = Math.max(req.deadlineAt ?? 0, req.receivedAt + options.platform.answerWithinMs + RUNTIME_MARGIN_MS);
  return Math.max(50, until - options.now());
}

/** JSON with object keys sorted: the same payload hashes alike whatever order its fields came in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
