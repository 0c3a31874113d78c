/**
 * What tooling hands a callback file's `sample`: a fixed clock, fresh ids, and 18-digit bare ids
 * sent as JSON numbers (as Tencent and SUD sometimes send accounts), kept exact through
 * lossless-json. `bareIds: "bigint"` gives them as the JSON parser gives unsafe integers to a schema.
 */
import { randomBytes } from "node:crypto";
import { LosslessNumber, stringify } from "lossless-json";
import type { SampleContext } from "../../shared/core/callback";
import { NOW_MS } from "./requests";

export function sampleContext(options: { now?: number; bareIds?: "json" | "bigint"; settings?: Record<string, string> } = {}): SampleContext {
  const digits = () => `1441152${String(randomBytes(5).readUIntBE(0, 5) % 1e11).padStart(11, "0")}`;
  return {
    now: options.now ?? NOW_MS,
    fresh: (prefix = "") => prefix + randomBytes(6).toString("hex"),
    bareId: () => (options.bareIds === "bigint" ? BigInt(digits()) : new LosslessNumber(digits())),
    settings: options.settings ?? {},
  };
}

/** A sample as the body Tencent posts: CallbackCommand first, bare ids as bare digits. */
export function tencentSampleBody(command: string, body: Record<string, unknown>): string {
  return stringify({ CallbackCommand: command, ...body })!;
}
