import * as z from "zod/mini";
import { lazy } from "../../../core/callback";
import { defineAnsweringCallback } from "../../../core/answering";
import type { SampleContext } from "../../../core/callback";
import { sha256Hex } from "../../../core/crypto";
import { composeId } from "../../../core/ids";
import { exactJson } from "../../../core/json";
import { decision, decisionAnswer, decisionDefault, errorInfo, passedCode } from "../decision";
import type { TencentEnvelope } from "../envelope";
import { GROUP_TYPES, roomMessageFields } from "./group-message-sent";

/** The range of ErrorCode that Tencent passes through to the sending client, with ErrorInfo. */
export const MESSAGE_CODES = { min: 120001, max: 130000 } as const;

/** An IM message element, `{MsgType, MsgContent}` (TIMTextElem, TIMCustomElem, ...). */
const element = lazy(() => z.looseObject({ MsgType: z.string().check(z.minLength(1)), MsgContent: z.looseObject({}) }));

/**
 * `Group.CallbackBeforeSendMsg`: a room message is about to be delivered (sent by the Chat backend);
 * the app allows it, blocks it, drops it silently, or replaces its body. Tencent delivers the message
 * when no answer comes within 2 s. EventTime is ms, a string in the Live samples.
 */
export const messageCheckSchema = () => z.looseObject(roomMessageFields());

/**
 * Allow (optionally with a replaced `MsgBody` and/or `CloudCustomData`, delivered instead), deny
 * (with a code in 120001–130000 and a message, the sender is told why), or drop silently.
 */
export const messageCheckAnswerSchema = () =>
  z.union([
    z.looseObject({ decision: decision("allow"), MsgBody: z.optional(z.array(element()).check(z.minLength(1))), CloudCustomData: z.optional(z.string()) }),
    z.looseObject({ decision: decision("deny"), code: z.optional(passedCode(MESSAGE_CODES.min, MESSAGE_CODES.max)), message: z.optional(errorInfo) }),
    z.looseObject({ decision: decision("drop") }),
  ]);
export type MessageCheckAnswer = z.output<ReturnType<typeof messageCheckAnswerSchema>>;

export const messageCheck = defineAnsweringCallback<"Group.CallbackBeforeSendMsg", z.output<ReturnType<typeof messageCheckSchema>>, TencentEnvelope, MessageCheckAnswer>({
  name: "Group.CallbackBeforeSendMsg",
  schema: messageCheckSchema,
  // MsgId is the client's unique id of the message; without one, the request's content names it.
  dedupeId: (data) => composeId("Group.CallbackBeforeSendMsg", data.GroupId, data.MsgId ?? sha256Hex(exactJson(data))),
  eventTime: (data) => data.EventTime,
  answers: {
    schema: messageCheckAnswerSchema,
    fallback: decisionDefault<MessageCheckAnswer>("TENCENT_MESSAGE_CHECK_DEFAULT", "allow", {
      allow: { decision: "allow" },
      deny: (message) => ({ decision: "deny", message }),
    }),
    toPlatform(answer) {
      if (answer.decision === "drop") return decisionAnswer(2, "");
      if (answer.decision === "deny") return decisionAnswer(answer.code ?? 1, answer.message ?? "");
      const replaced = { ...(answer.MsgBody ? { MsgBody: answer.MsgBody } : {}), ...(answer.CloudCustomData !== undefined ? { CloudCustomData: answer.CloudCustomData } : {}) };
      return decisionAnswer(0, "", replaced);
    },
  },
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "Before a room message is delivered: allow, deny, drop or rewrite it";

export function sample({ now, fresh, bareId }: SampleContext): Record<string, unknown> {
  const random = Number.parseInt(fresh().slice(-8), 16);
  return {
    GroupId: fresh("live_room_"),
    Type: GROUP_TYPES[0],
    From_Account: bareId(),
    Operator_Account: "",
    Random: random,
    MsgId: `144115233406643804-${Math.floor(now / 1000)}-${random}`,
    MsgBody: [{ MsgType: "TIMTextElem", MsgContent: { Text: "hello everyone" } }],
    CloudCustomData: "",
    EventTime: String(now),
  };
}
