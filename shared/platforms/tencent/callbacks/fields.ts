import * as z from "zod/mini";

/**
 * A Tencent account id. Documented as a string, sometimes sent as an 18-digit bare number; the JSON
 * parser keeps such numbers' digits, and here every account comes out as a string.
 */
export const account = z.pipe(
  z.union([z.string(), z.int(), z.bigint()]),
  z.transform((value) => String(value)),
);

export const integer = z.int();

/** A room taking part in a battle. */
export const battleRoom = z.looseObject({
  RoomId: z.string(),
  Owner_Account: account,
});

/** A room's battle result: the room plus its score. */
export const scoredBattleRoom = z.looseObject({
  RoomId: z.string(),
  Owner_Account: account,
  Score: z.optional(integer),
});
