import type { AnyCallback } from "./core/callback";
import type { Env } from "./core/config";
import { jsonLogger, type Logger } from "./core/log";
import { createPipeline } from "./core/pipeline";
import type { Platform } from "./core/platform";
import { MemoryDedupeStore } from "./delivery/dedupe/memory";
import type { DedupeStore } from "./delivery/dedupe/store";
import type { Target } from "./delivery/deliver";
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

/** What a test or the local emulator may swap; the cloud uses the defaults. */
export interface FunctionDeps {
  readonly env?: Env;
  readonly log?: Logger;
  readonly now?: () => number;
  readonly dedupe?: DedupeStore;
  readonly targets?: readonly Target[];
}

/** Builds the request processor of one function: platform, callbacks and handlers wired to the pipeline. */
export function createProcessor<Config, Envelope, const Callbacks extends readonly AnyCallback<Envelope>[]>(
  spec: FunctionSpec<Config, Envelope, Callbacks>,
  deps: FunctionDeps = {},
): Process {
  return createPipeline({
    platform: spec.platform,
    callbacks: spec.callbacks,
    passUnknown: spec.passUnknown ?? false,
    env: deps.env ?? process.env,
    log: deps.log ?? jsonLogger,
    now: deps.now,
    dedupe: deps.dedupe ?? new MemoryDedupeStore(),
    targets: [handlerTarget(spec.handlers ?? {}), ...(deps.targets ?? [])],
  });
}

/**
 * The exported `handler` of a function. Configuration is read once, at the first request of a cold
 * start, so nothing but module loading happens before the runtime calls in.
 */
export function defineFunction<Config, Envelope, const Callbacks extends readonly AnyCallback<Envelope>[]>(
  spec: FunctionSpec<Config, Envelope, Callbacks>,
) {
  let processor: Process | undefined;
  return runtimeHandler((req) => (processor ??= createProcessor(spec))(req));
}
