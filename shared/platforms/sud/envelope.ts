import * as z from "zod/mini";
import type { InboundRequest } from "../../core/inbound";
import { validate } from "../../core/issues";
import { parseJson } from "../../core/json";
import { type Checked, ok } from "../../core/outcome";
import type { Opened } from "../../core/platform";

/** Ids and times that SUD documents as strings; a bare number is accepted and turned into one. */
export const idString = z.pipe(
  z.union([z.string(), z.int(), z.bigint()]),
  z.transform((v) => String(v)),
);

/** The notify envelope around every event's `data`; `notify_id` is the dedupe key. */
export const sudEnvelopeSchema = z.looseObject({
  notify_id: z.string().check(z.minLength(1)),
  notify_time: idString,
  app_id: z.optional(idString),
  notify_event: z.string().check(z.minLength(1)),
  data: z.unknown(),
});
/** The name the build writes the envelope's parser under (the platform's `schemas`). */
export const SUD_ENVELOPE_SCHEMA = "sud.envelope";
export type SudEnvelope = z.output<typeof sudEnvelopeSchema>;

export function openSud(req: InboundRequest): Checked<Opened<SudEnvelope>> {
  const parsed = parseJson(req.body.toString("utf8"));
  if (!parsed.ok) return parsed;
  const envelope = validate(sudEnvelopeSchema, parsed.value, "notify envelope", SUD_ENVELOPE_SCHEMA);
  if (!envelope.ok) return envelope;
  return ok({ callback: envelope.value.notify_event, payload: envelope.value.data, envelope: envelope.value });
}

/** notify_time is server time in ms, as a string. */
export function notifyTimeMs(envelope: SudEnvelope): number | undefined {
  const ms = Number(envelope.notify_time);
  return Number.isSafeInteger(ms) && ms > 0 ? ms : undefined;
}
