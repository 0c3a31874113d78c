import * as z from "zod/mini";
import { defineCallback, lazy, type SampleContext, type SubEvents } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import { COMMAND_ALIASES } from "../aliases";
import type { TencentEnvelope } from "../envelope";
import { integer, ms, requiredId } from "./fields";

/** What `EventType` says happened to the recording (TRTC cloud recording's event types). */
export const RECORDING_EVENTS = {
  301: "RECORDER_START",
  302: "RECORDER_STOP",
  303: "UPLOAD_START",
  304: "FILE_INFO",
  305: "UPLOAD_STOP",
  306: "FAILOVER",
  307: "FILE_SLICE",
  309: "DOWNLOAD_IMAGE_ERROR",
  311: "VOD_COMMIT",
} as const;
type RecordingEventName = (typeof RECORDING_EVENTS)[keyof typeof RECORDING_EVENTS];
export type RecordingEvent = RecordingEventName | "unknown";
const RECORDING_EVENT_NAMES = Object.values(RECORDING_EVENTS);

/** Native TRTC events sometimes number their rooms: the id comes out as a string. */
const roomId = lazy(() =>
  z.pipe(
    z.union([requiredId, z.int(), z.bigint()]),
    z.transform((v) => String(v)),
  ),
);

/**
 * `Live.CallbackAfterCloudRecordingChanged`: a recording started, stopped, uploaded, ... It is
 * TRTC's own recording callback with CallbackCommand added, so it has no EventTime: EventInfo has
 * EventMsTs (ms) and EventTs (s), CallbackTs (ms) says when it was sent. `recordingEvent` is
 * EventType in words ("unknown" for types the documents do not list).
 */
export const cloudRecordingChangedSchema = () =>
  z.pipe(
    z.looseObject({
      CallbackCommand: z.optional(z.string()),
      /** 3 cloud recording, 8 web-page recording. */
      EventGroupId: z.optional(integer),
      EventType: integer,
      CallbackTs: z.optional(integer),
      EventInfo: z.looseObject({
        RoomId: roomId(),
        EventTs: z.optional(integer),
        EventMsTs: z.optional(integer),
        UserId: z.optional(z.string()),
        TaskId: z.optional(z.string()),
        /** Varies by EventType; `{Status}` in the sample. */
        Payload: z.optional(z.looseObject({})),
      }),
    }),
    z.transform((recording) =>
      Object.assign(recording, {
        recordingEvent: (RECORDING_EVENTS[recording.EventType as keyof typeof RECORDING_EVENTS] ?? "unknown") as RecordingEvent,
      }),
    ),
  );
type CloudRecordingChanged = z.output<ReturnType<typeof cloudRecordingChangedSchema>>;

const happenedAt = ({ EventInfo }: CloudRecordingChanged) => EventInfo.EventMsTs ?? ms(EventInfo.EventTs);

export const cloudRecordingChanged = defineCallback<
  "Live.CallbackAfterCloudRecordingChanged",
  CloudRecordingChanged,
  TencentEnvelope,
  SubEvents<"recordingEvent", RecordingEventName>
>({
  name: "Live.CallbackAfterCloudRecordingChanged",
  aliases: COMMAND_ALIASES["Live.CallbackAfterCloudRecordingChanged"],
  schema: cloudRecordingChangedSchema,
  // The task and what happened to it, when; not CallbackTs, which a resend may change.
  dedupeId: (data) => composeId("Live.CallbackAfterCloudRecordingChanged", data.EventInfo.RoomId, data.EventInfo.TaskId ?? "", data.EventType, happenedAt(data) ?? ""),
  eventTime: (data) => happenedAt(data) ?? data.CallbackTs,
  subEvents: { field: "recordingEvent", values: RECORDING_EVENT_NAMES },
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A room's cloud recording started, stopped, uploaded or failed over";

export function sample({ now, fresh }: SampleContext): Record<string, unknown> {
  return {
    EventGroupId: 3,
    EventType: 302,
    CallbackTs: now,
    EventInfo: {
      RoomId: "live_room_1001",
      EventTs: Math.floor(now / 1000),
      EventMsTs: now - 1,
      UserId: "recorder_live_room_1001",
      TaskId: fresh("-m9-bVVU7id"),
      Payload: { Status: 0 },
    },
  };
}
