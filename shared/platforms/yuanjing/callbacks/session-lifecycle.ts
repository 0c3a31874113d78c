import * as z from "zod/mini";
import { defineCallback, type SampleContext } from "../../../core/callback";
import { composeId } from "../../../core/ids";
import { SESSION_LIFECYCLE_API, type YuanjingEnvelope } from "../envelope";

/** Text fields; a number from a loosely typed caller becomes its string. */
const text = z.pipe(
  z.union([z.string(), z.number(), z.bigint()]),
  z.transform((v) => String(v)),
);
const requiredText = z.pipe(text, z.string().check(z.minLength(1)));

/** Numbers; form-encoded callers send numeric strings, which are coerced, and anything else refused. */
const NUMERIC = /^-?\d+(\.\d+)?$/;
const numeric = z.pipe(
  z.union([z.number(), z.string().check(z.regex(NUMERIC, "must be a number"))]),
  z.transform((v) => Number(v)),
);

/** Known values; any other string is accepted too, as later stages of a session will bring new ones. */
export type SessionState = "DISPATCHED" | (string & {});

/** `request_param` of the 元镜 session lifecycle SPI. Times are epoch seconds. */
export const sessionLifecycleSchema = () =>
  z.looseObject({
    service_name: z.optional(text),
    action: requiredText,
    message_type: z.pipe(requiredText, z.custom<SessionState>()),
    project_id: requiredText,
    account_id: requiredText,
    game_session_id: requiredText,
    game_id: requiredText,
    time: numeric,
    scheduled_time: z.optional(numeric),
    user_start_time: z.optional(numeric),
    session_stop_time: z.optional(numeric),
    session_status: z.optional(z.pipe(text, z.custom<SessionState>())),
    tags: z.optional(text),
    device_type: z.optional(text),
    resource_level: z.optional(numeric),
  });

export const sessionLifecycle = defineCallback<typeof SESSION_LIFECYCLE_API, z.output<ReturnType<typeof sessionLifecycleSchema>>, YuanjingEnvelope>({
  name: SESSION_LIFECYCLE_API,
  schema: sessionLifecycleSchema,
  // One session sends one message per state change; a retry repeats the same session, state and time.
  dedupeId: (data) => composeId(data.game_session_id, data.message_type, data.session_status, data.time),
  eventTime: (data) => data.time * 1000,
});

/** One line: what happened (the sender's list, the README's table). Tooling only, as the sample. */
export const description = "A cloud-rendered game session changed state";

/** A session dispatched: the SPI's `request_param` (the tooling wraps it in the request with fc_group / fc_name). */
export function sample(ctx: SampleContext): Record<string, unknown> {
  const seconds = Math.floor(ctx.now / 1000);
  return {
    service_name: "sessionLifecycleNotifyService",
    action: "SESSION_STATE_MESSAGE",
    message_type: "DISPATCHED",
    project_id: "project_demo",
    account_id: "player_10001",
    game_session_id: ctx.fresh("gs_"),
    game_id: "game_demo",
    time: seconds,
    scheduled_time: seconds,
    session_status: "DISPATCHED",
    tags: "local-test",
    device_type: "h5",
  };
}
