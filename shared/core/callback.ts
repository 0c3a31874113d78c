import type { ZodMiniType } from "zod/mini";

/**
 * One callback a platform sends: its name, its schema, and how it maps to the normalized event.
 * `Envelope` is what the platform protocol decoded around the payload (SUD's notify envelope, the
 * 元镜 request, Tencent's body itself).
 */
export interface CallbackDefinition<Name extends string = string, Data = unknown, Envelope = unknown> {
  readonly name: Name;
  /** Built once at module load; loose objects, so fields the platform adds later are kept. */
  readonly schema: ZodMiniType<Data, any>;
  /** The same callback sent again yields the same id. */
  dedupeId(data: Data, envelope: Envelope): string;
  /** When the platform says it happened, epoch ms; undefined falls back to the time received. */
  eventTime(data: Data, envelope: Envelope): number | undefined;
}

export type AnyCallback<Envelope = any> = CallbackDefinition<string, any, Envelope>;
export type DataOf<C> = C extends CallbackDefinition<string, infer D, any> ? D : never;
export type NameOf<C> = C extends CallbackDefinition<infer N, any, any> ? N : never;

export function defineCallback<Name extends string, Data, Envelope>(
  definition: CallbackDefinition<Name, Data, Envelope>,
): CallbackDefinition<Name, Data, Envelope> {
  return definition;
}
