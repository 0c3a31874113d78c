import * as z from "zod/mini";
import type { ZodMiniType } from "zod/mini";
import { idString, notifyTimeMs, type SudEnvelope } from "../envelope";

/** An id SUD documents as a string; a bare number (a bigint beyond 2^53) comes out as the same digits. */
export const id = idString;
/** A time SUD sends as a string of ms or s, sometimes as a bare number: kept as the string it would be. */
export const timeText = idString;
export const int = z.int();
/** Game-specific extra data. */
export const payload = z.optional(z.looseObject({}));

/** A documented set of values, offered by the type; any other string passes too, since SUD adds values. */
export type Open<T extends string> = T | (string & {});
const anyString = z.string();
export const openString = <T extends string>() => anyString as unknown as ZodMiniType<Open<T>, string>;

/**
 * Adds derived fields to the object zod just built rather than copying it: a spread of every field
 * costs more than the rest of the schema, and a player.draw.image payload holds megabytes.
 */
export function adding<T extends object, E extends object>(schema: ZodMiniType<T, any>, extras: (value: T) => E) {
  return z.pipe(
    schema,
    z.transform((value: T) => Object.assign(value, extras(value))),
  );
}

const DIGITS = /^\d{1,15}$/;

/**
 * Epoch ms of a SUD time, in ms or in s whatever its field documents (10¹¹ s is the year 5138, 10¹¹ ms
 * 1973, so the size tells); undefined when it is no time (the docs' "xxx", "0").
 */
export function epochMs(text: string | undefined): number | undefined {
  if (text === undefined || !DIGITS.test(text)) return undefined;
  const n = Number(text);
  return n === 0 ? undefined : n < 1e11 ? n * 1000 : n;
}

/** A duration SUD gives in seconds (a string such as "272"), in ms. */
export function durationMs(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,12}(\.\d{1,3})?$/.test(text) ? Math.round(Number(text) * 1000) : undefined;
}

/** The table's own entry for a key SUD sent: never a property every object has ("__proto__", "constructor"). */
export function listed<T extends object>(table: T, key: PropertyKey): T[keyof T] | undefined {
  return Object.hasOwn(table, key) ? table[key as keyof T] : undefined;
}

/** A documented number in words; "unknown" for a value the docs do not give. */
export function decode<T extends Readonly<Record<number, string>>>(table: T, value: number): T[keyof T] | "unknown" {
  return listed(table, value) ?? "unknown";
}

/** SUD names every notification by its notify_id. */
export const byNotifyId = (_data: unknown, envelope: SudEnvelope): string => envelope.notify_id;
export const atNotifyTime = (_data: unknown, envelope: SudEnvelope): number | undefined => notifyTimeMs(envelope);
/** The payload's own time when it has one, else when SUD sent the notification. */
export const orNotifyTime = (ms: number | undefined, envelope: SudEnvelope): number | undefined => ms ?? notifyTimeMs(envelope);

/** The statuses an order notification documents: the current two, and the 2023 docs' CREATED and EXECUTING. */
export const ORDER_STATUSES = ["EXECUTE_SUCCESS", "EXECUTE_FAIL", "CREATED", "EXECUTING"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** One order as order.changed and each entry of order.batch.changed describe it. */
export const orderShape = {
  order_id: id,
  /** The app's own order number: its idempotency key. */
  out_order_id: id,
  game_round_id: z.optional(id),
  cmd: z.string(),
  from_uid: id,
  to_uid: id,
  payload,
  status: openString<OrderStatus>(),
};

/** One player's settlement (user.settle, match.settle); a robot has uid "" and is_ai 1. */
export const settleShape = { uid: id, is_ai: int, score: int, remain_score: int, commission_score: z.optional(int) };
export const aiOf = (result: { is_ai: number }) => ({ /** A robot, not a user (its uid is ""). */ ai: result.is_ai === 1 });
