// Every schema a callback function validates with, by name: each callback's payload, each answering
// callback's answers, SUD's notify envelope. Loaded from source (zod) and built with zod-lite, the two
// are compared by test/unit/zod-lite.test.ts.
import type { AnyCallback } from "../../shared/core/callback";
import { sudAppInterfaces } from "../../shared/platforms/sud/app-server";
import { sudCallbacks } from "../../shared/platforms/sud/catalog";
import { sudEnvelopeSchema } from "../../shared/platforms/sud/envelope";
import { tencentCallbacks } from "../../shared/platforms/tencent/catalog";
import { sessionLifecycle } from "../../shared/platforms/yuanjing";

export function allSchemas(): Record<string, object> {
  const callbacks: readonly AnyCallback[] = [...tencentCallbacks, ...sudCallbacks, ...(sudAppInterfaces as readonly AnyCallback[]), sessionLifecycle];
  const schemas: Record<string, object> = { "sud notify envelope": sudEnvelopeSchema };
  for (const c of callbacks) {
    schemas[c.name] = c.schema;
    const answers = (c as { answers?: { schema?: object } }).answers?.schema;
    if (answers) schemas[`${c.name} answers`] = answers;
  }
  return schemas;
}
