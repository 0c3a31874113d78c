// Every schema a callback function validates with, by name: each callback's payload and each answering
// callback's answers (from every function's spec, as the redrive lists them), and SUD's notify envelope.
// Loaded from source (zod) and built with zod-lite, the two are compared by test/unit/zod-lite.test.ts.
import type { AnyCallback } from "../../shared/core/callback";
import { sudEnvelopeSchema } from "../../shared/platforms/sud/envelope";
import { FUNCTION_SPECS } from "./functions";

export function allSchemas(): Record<string, object> {
  const schemas: Record<string, object> = { "sud notify envelope": sudEnvelopeSchema };
  for (const c of Object.values(FUNCTION_SPECS).flatMap((spec) => spec.callbacks as readonly AnyCallback[])) {
    schemas[c.name] = c.schema;
    const answers = (c as { answers?: { schema?: object } }).answers?.schema;
    if (answers) schemas[`${c.name} answers`] = answers;
  }
  return schemas;
}
