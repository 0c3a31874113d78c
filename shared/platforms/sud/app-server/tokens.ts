import * as z from "zod/mini";
import { concealing } from "./answers";
import { secretRequest, userInfoSchema } from "./fields";
import { sudQuery } from "./query";

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
export const getSsToken = sudQuery({
  name: "get_sstoken",
  description: "A player logs into a game: exchange the client's code for an SSToken",
  request: () => secretRequest("code"),
  data: getSsTokenData,
  concealed: ["ss_token"],
});

/** `update_sstoken`: the SSToken is about to expire; the app answers with a new one. */
export const updateSsToken = sudQuery({
  name: "update_sstoken",
  description: "An SSToken is renewed: answer with a new one",
  request: () => secretRequest("ss_token"),
  data: updateSsTokenData,
  concealed: ["ss_token"],
});
