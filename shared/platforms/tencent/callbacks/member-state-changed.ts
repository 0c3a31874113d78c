import * as z from "zod/mini";
import { defineCallback, type SampleContext, type SubEvents } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import { COMMAND_ALIASES } from "../aliases";
import type { TencentEnvelope } from "../envelope";
import { account, accountParts, requiredId, wholeNumber, word } from "./fields";

export const MEMBER_STATES = ["Online", "Offline"] as const;
/** Why: entered or left, heartbeat lost or back, or kicked (newer documents only). */
export const MEMBER_STATE_CAUSES = ["Enter", "Leave", "HeartbeatInterrupt", "HeartbeatRecover", "Kicked"] as const;

/**
 * `Live.CallbackAfterMemberStateChanged`: members of a room went online or offline. No operator;
 * the callbacks stop once the room is dissolved.
 */
export const memberStateChangedSchema = () =>
  z.looseObject({
    CallbackCommand: z.optional(z.string()),
    RoomId: requiredId,
    EventType: word(MEMBER_STATES),
    EventCause: word(MEMBER_STATE_CAUSES),
    MemberList: z.array(z.looseObject({ Member_Account: account })),
    EventTime: wholeNumber,
  });

export const memberStateChanged = defineCallback<
  "Live.CallbackAfterMemberStateChanged",
  z.output<ReturnType<typeof memberStateChangedSchema>>,
  TencentEnvelope,
  SubEvents<"EventCause", (typeof MEMBER_STATE_CAUSES)[number]>
>({
  name: "Live.CallbackAfterMemberStateChanged",
  aliases: COMMAND_ALIASES["Live.CallbackAfterMemberStateChanged"],
  schema: memberStateChangedSchema,
  // Several changes of one room may share a millisecond: the members and the change tell them apart.
  dedupeId: (data) =>
    composeId("Live.CallbackAfterMemberStateChanged", data.RoomId, data.EventTime, data.EventType, data.EventCause, ...accountParts(data.MemberList.map((m) => m.Member_Account))),
  eventTime: (data) => data.EventTime,
  subEvents: { field: "EventCause", values: MEMBER_STATE_CAUSES },
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "Members of a live room entered, left, lost or regained their heartbeat, or were kicked";

export function sample({ now, fresh, bareId }: SampleContext): Record<string, unknown> {
  return {
    RoomId: "live_room_1001",
    EventType: "Online",
    EventCause: "Enter",
    MemberList: [{ Member_Account: fresh("viewer_") }, { Member_Account: bareId() }],
    EventTime: now,
  };
}
