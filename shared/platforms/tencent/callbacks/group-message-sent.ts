import * as z from "zod/mini";
import { defineCallback, lazy, type SampleContext, type SubEvents } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import type { TencentEnvelope } from "../envelope";
import { account, integer, ms, requiredId, wholeNumber, word } from "./fields";

/**
 * Group types: the Live documents say "Live"; a Chat app sends this callback for its other groups
 * too (Tencent's own moderation sample shows "Public"), so handlers can take the Live ones alone.
 */
export const GROUP_TYPES = ["Live", "Public", "Private", "ChatRoom", "AVChatRoom", "Community"] as const;

/**
 * `Group.CallbackAfterSendMsg`: a message was sent in a room (a live room is an IM group), sent by
 * the Chat backend. EventTime is a string in the Live samples and an integer in the IM ones; MsgTime
 * is in seconds (`sentAt` in epoch ms). MsgBody holds IM elements, `{MsgType, MsgContent}`.
 */
/** A room message's fields, as the Chat backend sends them before (`Group.CallbackBeforeSendMsg`) and after it is sent. */
export const roomMessageFields = lazy(() => ({
  CallbackCommand: z.optional(z.string()),
  GroupId: requiredId,
  Type: z.optional(word(GROUP_TYPES)),
  From_Account: account,
  /** "admin" for REST, and may be "". */
  Operator_Account: z.optional(account),
  Random: z.optional(integer),
  MsgId: z.optional(z.string()),
  MsgBody: z.array(z.looseObject({ MsgType: z.string(), MsgContent: z.optional(z.looseObject({})) })),
  CloudCustomData: z.optional(z.string()),
  /** Topic communities only: MsgSeq counts per topic. */
  TopicId: z.optional(z.string()),
  EventTime: z.optional(wholeNumber),
}));

export const groupMessageSentSchema = () =>
  z.pipe(
    z.looseObject({ ...roomMessageFields(), MsgSeq: integer, MsgTime: z.optional(integer) }),
    z.transform((message) => {
      const sentAt = ms(message.MsgTime);
      return Object.assign(message, sentAt === undefined ? {} : { sentAt }) as typeof message & { sentAt?: number };
    }),
  );

export const groupMessageSent = defineCallback<
  "Group.CallbackAfterSendMsg",
  z.output<ReturnType<typeof groupMessageSentSchema>>,
  TencentEnvelope,
  SubEvents<"Type", (typeof GROUP_TYPES)[number]>
>({
  name: "Group.CallbackAfterSendMsg",
  schema: groupMessageSentSchema,
  // MsgSeq numbers a group's messages (a topic's, in a community).
  dedupeId: (data) =>
    data.TopicId === undefined
      ? composeId("Group.CallbackAfterSendMsg", data.GroupId, data.MsgSeq)
      : composeId("Group.CallbackAfterSendMsg", data.GroupId, data.MsgSeq, data.TopicId),
  eventTime: (data) => data.EventTime,
  subEvents: { field: "Type", values: GROUP_TYPES },
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A message was sent in a live room (an IM group)";

export function sample({ now, fresh, bareId }: SampleContext): Record<string, unknown> {
  const random = Number.parseInt(fresh().slice(-8), 16);
  return {
    GroupId: fresh("live_room_"),
    Type: "Live",
    From_Account: bareId(),
    Operator_Account: "",
    Random: random,
    MsgId: `144115233406643804-${Math.floor(now / 1000)}-${random}`,
    MsgSeq: 1 + (random % 100_000),
    MsgTime: Math.floor(now / 1000),
    MsgBody: [{ MsgType: "TIMTextElem", MsgContent: { Text: "hello everyone" } }],
    CloudCustomData: "",
    EventTime: String(now),
  };
}
