import * as z from "zod/mini";
import { account, wholeNumber } from "./fields";

/**
 * The follow callbacks name the followed accounts differently: FollowAdd `FollowList:
 * [{To_Account}]`, FollowDelete `To_Account: [...]`. Each accepts either shape, in case a document
 * has them the wrong way round; `toAccounts` lists the accounts whichever came.
 */
export function followSchema(documented: "FollowList" | "To_Account") {
  return z.pipe(
    z.looseObject({
      CallbackCommand: z.optional(z.string()),
      /** The follower. */
      From_Account: account,
      FollowList: z.optional(z.array(z.looseObject({ To_Account: account }))),
      To_Account: z.optional(z.array(account)),
      EventTime: wholeNumber,
    }),
    z.transform((follow, ctx) => {
      const toAccounts = follow.FollowList?.map((f) => f.To_Account) ?? follow.To_Account;
      if (toAccounts === undefined) {
        ctx.issues.push({ code: "custom", message: "required array is missing", path: [documented], input: follow });
        return z.NEVER;
      }
      return Object.assign(follow, { toAccounts });
    }),
  );
}

export type Follow = z.output<ReturnType<typeof followSchema>>;
