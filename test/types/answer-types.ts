// Compile-time checks (run by `npm run typecheck`, part of `npm test`): the handler of an answering
// callback returns that callback's own answer, and nothing else.
import { defineFunction } from "../../shared/function";
import { battleEnd, giftCheck, messageCheck, tencentLive } from "../../shared/platforms/tencent";
import type { GiftCheckAnswer } from "../../shared/platforms/tencent/callbacks/gift-check";
import { getUserInfo, SDK_TOKEN_EXPIRED, SUD_INSUFFICIENT_BALANCE, sudAppInterfaces, sudAppServer, updateScore } from "../../shared/platforms/sud/app-server";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T => true as T;

defineFunction({
  platform: tencentLive,
  callbacks: [giftCheck, messageCheck, battleEnd],
  handlers: {
    "Live.CallbackBeforeSendGift": async (event) => {
      assertType<Equals<typeof event.callback, "Live.CallbackBeforeSendGift">>();
      assertType<Equals<typeof event.data.GiftWater.From_Account, string>>();
      assertType<Equals<typeof event.data.GiftWater.Coins, number>>();
      return event.data.GiftWater.Coins > 100 ? { decision: "deny", code: 102101, message: "insufficient balance" } : { decision: "allow" };
    },
    "Group.CallbackBeforeSendMsg": (event) => {
      assertType<Equals<typeof event.data.GroupId, string>>();
      return { decision: "allow", MsgBody: [{ MsgType: "TIMTextElem", MsgContent: { Text: "***" } }] };
    },
    // A notification's handler still returns anything.
    "Live.CallbackAfterEndBattle": () => 42,
  },
});

defineFunction({
  platform: tencentLive,
  callbacks: [giftCheck],
  handlers: {
    // @ts-expect-error a gift check answers allow or deny, not SUD's `data`
    "Live.CallbackBeforeSendGift": () => ({ data: { ss_token: "t", expire_date: 1 } }),
  },
});

defineFunction({
  platform: tencentLive,
  callbacks: [giftCheck],
  handlers: {
    // @ts-expect-error "drop" is a message check's answer, not a gift check's
    "Live.CallbackBeforeSendGift": () => ({ decision: "drop" }),
  },
});

defineFunction({
  platform: tencentLive,
  callbacks: [messageCheck],
  handlers: {
    // @ts-expect-error an answering handler must answer
    "Group.CallbackBeforeSendMsg": () => undefined,
  },
});

assertType<Equals<GiftCheckAnswer["decision"], "allow" | "deny">>();

defineFunction({
  platform: sudAppServer(),
  callbacks: sudAppInterfaces,
  handlers: {
    get_sstoken: async (event) => {
      assertType<Equals<typeof event.data.code, string>>();
      if (event.data.code === "") return { error: { ret_code: 1, ret_msg: "code expired", sdk_error_code: SDK_TOKEN_EXPIRED } };
      return { data: { ss_token: "t", expire_date: 1, user_info: { uid: "u", nick_name: "n", avatar_url: "", gender: "" } } };
    },
    get_account: () => ({ data: { nickname: "n", avatar_url: "", score: 1 } }),
    report_game_info: (event) => {
      assertType<Equals<typeof event.data.report_msg.game_round_id, string>>();
    },
  },
});

defineFunction({
  platform: sudAppServer("get_user_info"),
  callbacks: [getUserInfo],
  handlers: {
    // @ts-expect-error a SUD interface answers `data` or `error`, not a Tencent decision
    get_user_info: () => ({ decision: "allow" }),
  },
});

defineFunction({
  platform: sudAppServer(),
  callbacks: sudAppInterfaces,
  handlers: {
    // @ts-expect-error get_account spells it `nickname`, not `nick_name`
    get_account: () => ({ data: { nick_name: "n", avatar_url: "", score: 1 } }),
  },
});

// update_score: the order typed in, the balance (or a business error such as 9000) out.
defineFunction({
  platform: sudAppServer(),
  callbacks: sudAppInterfaces,
  handlers: {
    update_score: async (event) => {
      assertType<Equals<typeof event.data.order_id, string>>();
      assertType<Equals<typeof event.data.type, 1 | 2>>();
      assertType<Equals<typeof event.data.score, number>>();
      if (event.data.type === 1 && event.data.score > 100)
        return { error: { ret_code: SUD_INSUFFICIENT_BALANCE, ret_msg: "insufficient balance", sdk_error_code: SUD_INSUFFICIENT_BALANCE } };
      return { data: { score: 90 } };
    },
  },
});

defineFunction({
  platform: sudAppServer("update_score"),
  callbacks: [updateScore],
  handlers: {
    // @ts-expect-error update_score answers the balance as a number
    update_score: () => ({ data: { score: "90" } }),
  },
});

defineFunction({
  platform: sudAppServer("update_score"),
  callbacks: [updateScore],
  handlers: {
    // @ts-expect-error update_score answers a balance, not a token
    update_score: () => ({ data: { ss_token: "t", expire_date: 1 } }),
  },
});
