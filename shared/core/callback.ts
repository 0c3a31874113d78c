import type { ZodMiniType } from "zod/mini";

/**
 * A value in a payload that says which kind of event it is (SUD `data.event`, Tencent `EventType`,
 * a decoded `OpType`). Handlers can subscribe to one value as `<callback name>.<value>`.
 */
export interface SubEvents<Field extends string = string, Value extends string = string> {
  /** A top-level field of the validated data (a decoded one, added by the schema, counts). */
  readonly field: Field;
  /** The documented values; others still reach the callback's own handler. */
  readonly values: readonly Value[];
}

/**
 * One callback a platform sends: its name, its schema, and how it maps to the normalized event.
 * `Envelope` is what the platform protocol decoded around the payload (SUD's notify envelope, the
 * 元镜 request, Tencent's body itself).
 */
export interface CallbackDefinition<Name extends string = string, Data = unknown, Envelope = unknown, Sub extends SubEvents | undefined = SubEvents | undefined> {
  readonly name: Name;
  /**
   * One line: what happened. A catalog callback's file exports it beside its sample instead, so that
   * no bundle carries it; a definition made elsewhere (a generic one) may say it here.
   */
  readonly description?: string;
  /** Other names the platform sends for the same callback (documented misspellings). */
  readonly aliases?: readonly string[];
  /**
   * Loose objects, so fields the platform adds later are kept. Built when first read (the callback's
   * first request), then the same object for the instance's life.
   */
  readonly schema: ZodMiniType<Data, any>;
  /** The same callback sent again yields the same id; different events never share one (composeId). */
  dedupeId(data: Data, envelope: Envelope): string;
  /** When the platform says it happened, epoch ms; undefined falls back to the time received. */
  eventTime(data: Data, envelope: Envelope): number | undefined;
  readonly subEvents?: Sub;
}

export type AnyCallback<Envelope = any> = CallbackDefinition<string, any, Envelope, any>;
export type DataOf<C> = C extends CallbackDefinition<string, infer D, any, any> ? D : never;
export type NameOf<C> = C extends CallbackDefinition<infer N, any, any, any> ? N : never;
export type SubEventsOf<C> = C extends CallbackDefinition<string, any, any, infer S> ? S : never;

/** A definition as its file writes it: the schema as a function that builds it. */
export type CallbackSpec<D extends { readonly schema: unknown }> = Omit<D, "schema"> & { readonly schema: () => D["schema"] };

export function defineCallback<Name extends string, Data, Envelope, const Sub extends SubEvents | undefined = undefined>(
  spec: CallbackSpec<CallbackDefinition<Name, Data, Envelope, Sub>>,
): CallbackDefinition<Name, Data, Envelope, Sub> {
  return withLazySchema(spec);
}

/**
 * The definition with `schema` built at its first read. A one-URL function serves a whole catalog
 * (tencent-live about 30 callbacks): building every schema at module load costs each cold start
 * milliseconds for callbacks its first request is not.
 */
export function withLazySchema<D extends { readonly schema: unknown }>(spec: CallbackSpec<D>): D {
  let built: D["schema"] | undefined;
  const definition = { ...spec } as unknown as D;
  Object.defineProperty(definition, "schema", { get: () => (built ??= spec.schema()), enumerable: true });
  return definition;
}

/**
 * A piece of schema that several definitions' schemas share (a room, a message's fields), built at its
 * first use, inside one of their schemas, and the same object after.
 */
export function lazy<T extends object>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

/** The sub-event value of a validated payload, when its callback has one. */
export function subEventOf(definition: AnyCallback, data: unknown): string | undefined {
  const field = definition.subEvents?.field;
  if (field === undefined || typeof data !== "object" || data === null) return undefined;
  const value = (data as Record<string, unknown>)[field];
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/**
 * What a callback file's `sample` gets: the clock, fresh ids, and the app's settings. Tooling only
 * (the sender, tests, the benchmark): a bundle imports the definition, never the sample.
 */
export interface SampleContext {
  readonly now: number;
  /** A fresh id: `prefix` followed by random hex. */
  fresh(prefix?: string): string;
  /** A fresh 18-digit id, sent as a bare JSON number (as Tencent and SUD sometimes do). */
  bareId(): unknown;
  readonly settings: Readonly<Record<string, string | undefined>>;
}
