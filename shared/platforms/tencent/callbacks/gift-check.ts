import * as z from "zod/mini";
import { defineAnsweringCallback } from "../../../core/answering";
import type { SampleContext } from "../../../core/callback";
import { sha256Hex } from "../../../core/crypto";
import { composeId } from "../../../core/ids";
import { exactJson } from "../../../core/json";
import { decision, decisionAnswer, decisionDefault, errorInfo, passedCode } from "../decision";
import type { TencentEnvelope } from "../envelope";
import { account, integer, requiredId } from "./fields";

/** The range of ErrorCode that Tencent passes through to the client that sends the gift, with ErrorInfo. */
export const GIFT_CODES = { min: 102100, max: 102200 } as const;

/**
 * `Live.CallbackBeforeSendGift`: a gift is about to be sent; the app allows or blocks it (a balance or
 * permission check). `GiftWater` is the gift's record: `Coins` is the value of one gift, `Time` in seconds.
 * No EventTime; Tencent blocks the gift when no answer comes within 2 s.
 */
export const giftCheckSchema = () =>
  z.looseObject({
    RoomId: requiredId,
    GiftWater: z.looseObject({
      From_Account: account,
      To_Account: z.array(account),
      Time: integer,
      GiftId: z.string(),
      Count: integer,
      Coins: integer,
    }),
  });

/** Allow, or deny: with a code in 102100–102200 and a message, the sending client is told why. */
export const giftCheckAnswerSchema = () =>
  z.union([
    z.looseObject({ decision: decision("allow") }),
    z.looseObject({ decision: decision("deny"), code: z.optional(passedCode(GIFT_CODES.min, GIFT_CODES.max)), message: z.optional(errorInfo) }),
  ]);
export type GiftCheckAnswer = z.output<ReturnType<typeof giftCheckAnswerSchema>>;

export const giftCheck = defineAnsweringCallback<"Live.CallbackBeforeSendGift", z.output<ReturnType<typeof giftCheckSchema>>, TencentEnvelope, GiftCheckAnswer>({
  name: "Live.CallbackBeforeSendGift",
  schema: giftCheckSchema,
  // No id is documented: the request's own content names it (two identical gifts in one second are one event).
  dedupeId: (data) => composeId("Live.CallbackBeforeSendGift", data.RoomId, sha256Hex(exactJson(data))),
  eventTime: (data) => data.GiftWater.Time * 1000,
  answers: {
    schema: giftCheckAnswerSchema,
    fallback: decisionDefault<GiftCheckAnswer>("TENCENT_GIFT_CHECK_DEFAULT", "deny", {
      allow: { decision: "allow" },
      deny: (message) => ({ decision: "deny", message }),
    }),
    toPlatform: (answer) => (answer.decision === "allow" ? decisionAnswer(0, "") : decisionAnswer(answer.code ?? 1, answer.message ?? "")),
  },
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "Before a gift is sent: allow or deny it";

export function sample({ now, fresh, bareId }: SampleContext): Record<string, unknown> {
  return {
    Operator_Account: "host_1001",
    RoomId: fresh("live_room_"),
    GiftWater: { From_Account: bareId(), To_Account: ["host_1001"], Time: Math.floor(now / 1000), GiftId: "rocket", Count: 1, Coins: 1000 },
  };
}
