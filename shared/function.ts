import type { AnyCallback } from "./core/callback";
import type { Env } from "./core/config";
import type { CallbackEvent } from "./core/event";
import { jsonLogger, type Logger } from "./core/log";
import type { Outcome, Refusal } from "./core/outcome";
import { misconfigured } from "./core/protocol";
import { createPipeline } from "./pipeline";
import type { Platform } from "./core/platform";
import type { DeadLetterStore } from "./delivery/dead-letter/store";
import { MemoryDedupeStore } from "./delivery/dedupe/memory";
import type { DedupeStore } from "./delivery/dedupe/store";
import type { Target } from "./delivery/deliver";
import { type Delivery, deliveryFromEnv } from "./delivery/from-env";
import { MemoryNonceStore } from "./delivery/nonce/memory";
import type { NonceStore } from "./delivery/nonce/store";
import { type CallbackHandlers, handlerTarget } from "./delivery/handler-target";
import { type Process, runtimeHandler } from "./runtime/handler";

export interface FunctionSpec<Config, Envelope, Callbacks extends readonly AnyCallback<Envelope>[]> {
  readonly platform: Platform<Config, Envelope>;
  /** The callbacks this function validates and types. */
  readonly callbacks: Callbacks;
  /** Pass on callbacks without a schema as generic events, instead of refusing them. */
  readonly passUnknown?: boolean;
  /** The app's business logic: one typed function per callback. */
  // NoInfer: the callbacks list alone fixes the types, so each handler sees its own typed event.
  readonly handlers?: NoInfer<CallbackHandlers<Callbacks>>;
}

/** What a test, the local emulator or replay may swap; the cloud builds everything from the environment. */
export interface FunctionDeps {
  readonly env?: Env;
  readonly log?: Logger;
  readonly now?: () => number;
  readonly dedupe?: DedupeStore;
  readonly nonces?: NonceStore;
  /** Replace the targets configured by the environment (the app's typed handlers always come first). */
  readonly targets?: readonly Target[];
  readonly deadLetters?: DeadLetterStore;
  /** Sees every outcome before it is answered. */
  readonly observe?: (outcome: Outcome) => void;
  /** Replay: the event the dead letter being replayed keeps (an answered callback is delivered with its answer). */
  readonly replaying?: () => { readonly event?: CallbackEvent } | undefined;
}

/** A function's request processor; `close` ends its Redis connection, if it made one. */
export type Processor = Process & { close(): Promise<void> };

/** Builds the request processor of one function: platform, callbacks and handlers wired to the pipeline. */
export function createProcessor<Config, Envelope, const Callbacks extends readonly AnyCallback<Envelope>[]>(
  spec: FunctionSpec<Config, Envelope, Callbacks>,
  deps: FunctionDeps = {},
): Processor {
  const env = deps.env ?? process.env;
  const log = deps.log ?? jsonLogger;
  let delivery: Delivery | undefined;
  let problem: Refusal | undefined;
  // Replay and tests may bring every piece themselves; then the environment's wiring is not made.
  const suppliedAll = deps.dedupe && deps.targets && deps.deadLetters;
  try {
    if (!suppliedAll) delivery = deliveryFromEnv(env, log);
  } catch (error) {
    problem = misconfigured(spec.platform.name, error, log);
  }
  const handle = createPipeline({
    platform: spec.platform,
    callbacks: spec.callbacks,
    passUnknown: spec.passUnknown ?? false,
    env,
    log,
    now: deps.now,
    dedupe: deps.dedupe ?? delivery?.dedupe ?? new MemoryDedupeStore(),
    nonces: deps.nonces ?? delivery?.nonces ?? new MemoryNonceStore(),
    // The handlers of answering callbacks give the answers (the handler target skips answered events).
    targets: [handlerTarget(spec.handlers ?? {}), ...(deps.targets ?? delivery?.targets ?? [])],
    answerers: spec.handlers,
    deadLetters: deps.deadLetters ?? delivery?.deadLetters,
    problem,
    observe: deps.observe,
    replaying: deps.replaying,
  });
  return Object.assign(handle, { close: async () => delivery?.close() });
}

/**
 * The exported `handler` of a function. Configuration is read once, at the first request of a cold
 * start, so nothing but module loading happens before the runtime calls in. The spec rides along so
 * that replay can run a dead letter through the very function that received it.
 */
export function defineFunction<Config, Envelope, const Callbacks extends readonly AnyCallback<Envelope>[]>(spec: FunctionSpec<Config, Envelope, Callbacks>) {
  let processor: Process | undefined;
  return Object.assign(
    runtimeHandler((req) => (processor ??= createProcessor(spec))(req)),
    { spec },
  );
}
