import * as z from "zod/mini";
import { defineAnsweringCallback } from "../../../core/answering";
import type { SudAppCall } from "./platform";
import { type SudAnswer, sudAnswers } from "./answers";
import { callId, secretRequest, type SudUserInfo, userInfoSchema } from "./fields";

/** `get_account` spells it `nickname` (not `nick_name`); `score` and `vip_level` (0–3) are int64. */
const accountSchema = () => z.looseObject({ nickname: z.string(), avatar_url: z.string(), score: z.int(), vip_level: z.optional(z.int()) });
const scoreSchema = () => z.looseObject({ score: z.int() });
const uidRequest = () => z.looseObject({ uid: z.string().check(z.minLength(1)) });

/** `get_user_info`: SUD asks who holds an SSToken (skipped when get_sstoken answered with `user_info`). */
export const getUserInfo = defineAnsweringCallback<"get_user_info", { ss_token: string }, SudAppCall, SudAnswer<SudUserInfo>>({
  name: "get_user_info",
  description: "SUD asks who holds an SSToken",
  schema: () => secretRequest("ss_token"),
  dedupeId: callId("get_user_info"),
  eventTime: () => undefined,
  answers: sudAnswers("get_user_info", userInfoSchema),
});

/** `get_account`: a betting game (Texas Hold'em, TeenPatti) asks for a player's account. */
export const getAccount = defineAnsweringCallback<"get_account", z.output<ReturnType<typeof uidRequest>>, SudAppCall, SudAnswer<z.input<ReturnType<typeof accountSchema>>>>({
  name: "get_account",
  description: "A betting game asks for a player's nickname, avatar, score and VIP level",
  schema: uidRequest,
  dedupeId: callId("get_account"),
  eventTime: () => undefined,
  answers: sudAnswers("get_account", accountSchema),
});

/** `get_score` (deprecated by SUD): a player's balance. */
export const getScore = defineAnsweringCallback<"get_score", z.output<ReturnType<typeof uidRequest>>, SudAppCall, SudAnswer<z.input<ReturnType<typeof scoreSchema>>>>({
  name: "get_score",
  description: "A game asks for a player's score (deprecated by SUD)",
  schema: uidRequest,
  dedupeId: callId("get_score"),
  eventTime: () => undefined,
  answers: sudAnswers("get_score", scoreSchema),
});
