/**
 * What tooling hands a callback file's `sample` in tests: a fixed clock, fresh ids, the test settings,
 * and 18-digit bare ids sent as JSON numbers (as Tencent and SUD sometimes send accounts), kept exact
 * through lossless-json. `bareIds: "bigint"` gives them as the JSON parser gives unsafe integers to a schema.
 */
import { randomBytes } from "node:crypto";
import { LosslessNumber, stringify } from "lossless-json";
import type { SampleContext } from "../../shared/core/callback";
import { ENV } from "./harness";
import { NOW_MS, SUD_APP_ID } from "./requests";

export function sampleContext(
  options: { now?: number; bareIds?: "json" | "bigint"; settings?: Record<string, string | undefined>; bytes?: (n: number) => Buffer } = {},
): SampleContext {
  // `bytes` seeded: the same ids on every run (a recorded behaviour test sends the same callbacks again).
  const bytes = options.bytes ?? randomBytes;
  const digits = () => `1441152${String(bytes(5).readUIntBE(0, 5) % 1e11).padStart(11, "0")}`;
  return {
    now: options.now ?? NOW_MS,
    fresh: (prefix = "") => prefix + bytes(8).toString("hex"),
    bareId: () => (options.bareIds === "bigint" ? BigInt(digits()) : new LosslessNumber(digits())),
    settings: options.settings ?? { ...ENV.tencent, ...ENV.sud },
  };
}

/** A sample as the body Tencent posts: CallbackCommand first, bare ids as bare digits. */
export function tencentSampleBody(command: string, body: Record<string, unknown>): string {
  return stringify({ CallbackCommand: command, ...body })!;
}

/** A SUD notify envelope around a sample's `data`, as the exact JSON text (bare ids kept bare). */
export function sudSampleBody(notifyEvent: string, data: unknown, context: SampleContext): string {
  const envelope = { notify_id: context.fresh(), notify_time: String(context.now), app_id: SUD_APP_ID, notify_event: notifyEvent, data };
  return stringify(envelope) ?? "";
}
