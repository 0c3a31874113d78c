/** What a callback file's `sample` is given in tests: the clock, fresh ids, and the test settings. */
import { randomBytes } from "node:crypto";
import { LosslessNumber, stringify } from "lossless-json";
import type { SampleContext } from "../../shared/core/callback";
import { ENV } from "./harness";
import { NOW_MS, SUD_APP_ID } from "./requests";

export function sampleContext(now = NOW_MS): SampleContext {
  return {
    now,
    fresh: (prefix = "") => prefix + randomBytes(8).toString("hex"),
    bareId: () => new LosslessNumber(`14${String(randomBytes(8).readBigUInt64BE() % 10n ** 16n).padStart(16, "0")}`),
    settings: ENV.sud,
  };
}

/** A SUD notify envelope around a sample's `data`, as the exact JSON text (bare ids kept bare). */
export function sudSampleBody(notifyEvent: string, data: unknown, context: SampleContext): string {
  const envelope = { notify_id: context.fresh(), notify_time: String(context.now), app_id: SUD_APP_ID, notify_event: notifyEvent, data };
  return stringify(envelope) ?? "";
}
