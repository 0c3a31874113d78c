import * as z from "zod/mini";
import { defineAnsweringCallback } from "../../../core/answering";
import type { SudAppCall } from "./platform";
import { concealing, type SudAnswer, sudAnswers } from "./answers";
import { callId, secretRequest, userInfoSchema } from "./fields";

/** A new SSToken; `expire_date` in epoch ms (`expire_date_str` is added when missing, for SUD's Node.js services). */
const tokenData = <T extends z.core.$ZodLooseShape>(extra: T) =>
  concealing(
    z.pipe(
      z.looseObject({ ss_token: z.string().check(z.minLength(1)), expire_date: z.int(), expire_date_str: z.optional(z.string()), ...extra }),
      z.transform((token) => Object.assign(token, { expire_date_str: token.expire_date_str ?? String(token.expire_date) })),
    ),
    ["ss_token"],
  );

const getSsTokenData = () => tokenData({ user_info: z.optional(userInfoSchema()) });
const updateSsTokenData = () => tokenData({});

/** `get_sstoken`: a player logs in with the code the app's client got; the app answers with an SSToken (and, best, the user). */
export const getSsToken = defineAnsweringCallback<"get_sstoken", { code: string }, SudAppCall, SudAnswer<z.input<ReturnType<typeof getSsTokenData>>>>({
  name: "get_sstoken",
  description: "A player logs into a game: exchange the client's code for an SSToken",
  schema: () => secretRequest("code"),
  dedupeId: callId("get_sstoken"),
  eventTime: () => undefined,
  answers: sudAnswers("get_sstoken", getSsTokenData as never, ["ss_token"]),
});

/** `update_sstoken`: the SSToken is about to expire; the app answers with a new one. */
export const updateSsToken = defineAnsweringCallback<"update_sstoken", { ss_token: string }, SudAppCall, SudAnswer<z.input<ReturnType<typeof updateSsTokenData>>>>({
  name: "update_sstoken",
  description: "An SSToken is renewed: answer with a new one",
  schema: () => secretRequest("ss_token"),
  dedupeId: callId("update_sstoken"),
  eventTime: () => undefined,
  answers: sudAnswers("update_sstoken", updateSsTokenData as never, ["ss_token"]),
});
