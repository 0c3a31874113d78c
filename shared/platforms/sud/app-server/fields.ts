import * as z from "zod/mini";
import { lazy } from "../../../core/callback";
import { sha256Hex } from "../../../core/crypto";
import { composeId } from "../../../core/ids";
import { concealing } from "./answers";

/** The request's code or token: handlers read it; it stays out of the event's log line and targets (`raw` keeps it). */
export const secretRequest = <K extends string>(field: K) =>
  concealing(z.looseObject({ [field]: z.string().check(z.minLength(1)) } as { [P in K]: z.ZodMiniString<string> }), [field] as never);

/** A digest names a call: a code or token never becomes an id. */
export const callId = (name: string) => (data: object) => composeId(name, sha256Hex(JSON.stringify(withConcealed(data))));

/** Every field of `data`: the enumerable ones in their order, then the concealed (not enumerable) ones. */
function withConcealed(data: object): Record<string, unknown> {
  const all: Record<string, unknown> = { ...data };
  for (const key of Object.getOwnPropertyNames(data)) if (!isEnumerable.call(data, key)) all[key] = (data as Record<string, unknown>)[key];
  return all;
}
const isEnumerable = Object.prototype.propertyIsEnumerable;

/** A player as SUD shows it: `gender` "female", "male" or ""; robots have `is_ai` 1 and an `ai_level` 1–3. */
export const userInfoSchema = lazy(() =>
  z.looseObject({
    uid: z.string(),
    nick_name: z.string(),
    avatar_url: z.string(),
    gender: z.string(),
    is_ai: z.optional(z.int()),
    ai_level: z.optional(z.int()),
  }),
);
export type SudUserInfo = z.input<ReturnType<typeof userInfoSchema>>;
