import * as z from "zod/mini";
import { secretRequest, userInfoSchema } from "./fields";
import { sudQuery } from "./query";

/** `get_account` spells it `nickname` (not `nick_name`); `score` and `vip_level` (0–3) are int64. */
const accountSchema = () => z.looseObject({ nickname: z.string(), avatar_url: z.string(), score: z.int(), vip_level: z.optional(z.int()) });
const scoreSchema = () => z.looseObject({ score: z.int() });
const uidRequest = () => z.looseObject({ uid: z.string().check(z.minLength(1)) });

/** `get_user_info`: SUD asks who holds an SSToken (skipped when get_sstoken answered with `user_info`). */
export const getUserInfo = sudQuery({
  name: "get_user_info",
  description: "SUD asks who holds an SSToken",
  request: () => secretRequest("ss_token"),
  data: userInfoSchema,
});

/** `get_account`: a betting game (Texas Hold'em, TeenPatti) asks for a player's account. */
export const getAccount = sudQuery({
  name: "get_account",
  description: "A betting game asks for a player's nickname, avatar, score and VIP level",
  request: uidRequest,
  data: accountSchema,
});

/** `get_score` (deprecated by SUD): a player's balance. */
export const getScore = sudQuery({
  name: "get_score",
  description: "A game asks for a player's score (deprecated by SUD)",
  request: uidRequest,
  data: scoreSchema,
});
