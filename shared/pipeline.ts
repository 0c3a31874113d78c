import type { CallbackEvent } from "./core/event";
import type { InboundRequest } from "./core/inbound";
import { andThen, type Maybe } from "./core/maybe";
import type { Outcome } from "./core/outcome";
import type { Answer } from "./core/platform";
import { createProtocol, type ProtocolOptions, type Reading } from "./core/protocol";
import { createAnswering } from "./delivery/answer";
import { type DeadLetterStore, logDeadLetters } from "./delivery/dead-letter/store";
import type { DedupeStore } from "./delivery/dedupe/store";
import type { Target } from "./delivery/deliver";
import { createHandOff, logRefusal } from "./delivery/hand-off";
import type { NonceStore } from "./delivery/nonce/store";

export interface PipelineOptions<Config, Envelope> extends Omit<ProtocolOptions<Config, Envelope>, "now"> {
  readonly dedupe: DedupeStore;
  /** Signatures already accepted, by nonce and time, for platforms that sign a nonce. */
  readonly nonces: NonceStore;
  /** Where accepted events go; success is answered only when every target has the event. */
  readonly targets: readonly Target[];
  /** Where authentic callbacks that were not delivered, or failed validation, are kept (default: the log). */
  readonly deadLetters?: DeadLetterStore;
  readonly now?: () => number;
  /** Sees every outcome before it is answered (replay reports them). */
  readonly observe?: (outcome: Outcome) => void;
  /** The app's handlers of the answering callbacks, by callback name: they give the answers. */
  readonly answerers?: Readonly<Record<string, unknown>>;
  /**
   * During replay, the event the dead letter keeps (undefined outside replay): an answering callback
   * is then delivered with the answer it was given, its handler never asked again.
   */
  readonly replaying?: () => { readonly event?: CallbackEvent } | undefined;
}

/**
 * The path of one callback: the protocol reads it (settings, authenticate, open, validate), the
 * delivery layer hands it off (replay check, dedupe claim, targets, settle, or quarantine), and the
 * platform answers. It never throws: every failure becomes a platform-shaped answer, and every
 * authentic callback that is not delivered is kept as a dead letter.
 */
export function createPipeline<Config, Envelope>(options: PipelineOptions<Config, Envelope>) {
  const { platform, log } = options;
  const now = options.now ?? Date.now;
  const delivery = createHandOff({ ...options, now, deadLetters: options.deadLetters ?? logDeadLetters(log) });
  const answering = createAnswering({ ...options, handlers: options.answerers ?? {}, now, handOff: delivery.handOff });
  const protocol = createProtocol({ ...options, now });

  /** Waits only on what returns a promise (a Redis store, a target, an answer): a request served from memory is decided at once. */
  function decide(req: InboundRequest): Maybe<Outcome> {
    const reading = protocol.read(req);
    if (reading.kind === "refused") return logRefusal(log, platform, req, reading.refusal);
    return andThen(delivery.checkReplay(req, reading.mark), (replayed) => replayed ?? pass(req, reading));
  }

  /** An authentic callback whose signature is not a replay: quarantined, handed off, or answered. */
  function pass(req: InboundRequest, reading: Exclude<Reading, { kind: "refused" }>): Maybe<Outcome> {
    if (reading.kind === "unfit") return delivery.quarantine(req, reading.unfit);
    if (!answering.serves(reading.event)) return delivery.handOff(reading.event, req);
    const replay = options.replaying?.();
    // Replaying the dead letter of an answered callback: delivered with the answer the letter keeps.
    return replay ? answering.replay(reading.event, replay.event, req) : answering.answer(reading.event, req);
  }

  return async function handle(req: InboundRequest): Promise<Answer> {
    let outcome: Outcome;
    try {
      const decided = decide(req);
      outcome = decided instanceof Promise ? await decided : decided;
    } catch (error) {
      log("error", "unexpected failure", { error: (error as Error).message, requestId: req.requestId });
      outcome = { kind: "refused", reason: "internal", message: "internal error while handling the callback; retry later" };
    }
    options.observe?.(outcome);
    if (outcome.kind === "answered") return outcome.answer;
    return platform.ack(outcome, req, protocol.settings.ok ? protocol.settings.config : undefined);
  };
}
