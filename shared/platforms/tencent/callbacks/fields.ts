import * as z from "zod/mini";
import { lazy } from "../../../core/callback";
import { sha256Hex } from "../../../core/crypto";

/**
 * A Tencent account id. Documented as a string, sometimes sent as an 18-digit bare number; the JSON
 * parser keeps such numbers' digits, and here every account comes out as a string.
 */
export const account = z.pipe(
  z.union([z.string(), z.int(), z.bigint()]),
  z.transform((value) => String(value)),
);

export const integer = z.int();

/**
 * A whole number the documents type one way and the samples another: `EventTime` is a string in the
 * Live Group.* samples, the room counts of ReachingThreshold "String" in their table. Digits only.
 */
export const wholeNumber = z.pipe(
  z.union([z.int(), z.string().check(z.regex(/^\d{1,16}$/))]),
  z.transform((value) => Number(value)),
);

/** A documented word; one not documented passes on as it came (typed so the documented ones complete). */
export const word = <const V extends string>(_values: readonly V[]) => z.string() as unknown as z.ZodMiniType<V | (string & {}), string>;

/** An id that must be there: a non-empty string. */
export const requiredId = z.string().check(z.minLength(1));

/** Seconds to epoch ms, for the `*Time` fields Tencent sends in seconds. */
export const ms = (seconds: number | undefined) => (seconds === undefined ? undefined : seconds * 1000);

/**
 * Accounts as dedupe-id parts: each one while the list is short, else one digest of them all, so
 * a room's 500 leaving viewers still get a short id that names exactly them.
 */
export function accountParts(accounts: readonly string[]): string[] {
  return accounts.length <= 16 ? [...accounts] : [`${accounts.length}-sha256-${sha256Hex(JSON.stringify(accounts))}`];
}

/** A room taking part in a battle. */
export const battleRoom = lazy(() =>
  z.looseObject({
    RoomId: z.string(),
    Owner_Account: account,
  }),
);

/** A room's battle result: the room plus its score. */
export const scoredBattleRoom = lazy(() =>
  z.looseObject({
    RoomId: z.string(),
    Owner_Account: account,
    Score: z.optional(integer),
  }),
);

/**
 * What a battle's start and end both carry first, in this order: its id, its planned length (Duration, in
 * ms) and when it was created and started (in s). Each callback adds its own fields after these.
 */
export const battleFields = () => ({
  CallbackCommand: z.optional(z.string()),
  BattleId: requiredId,
  Duration: integer,
  CreateTime: integer,
  StartTime: integer,
});
