import type * as z from "zod/mini";
import { defineAnsweringCallback } from "../../../core/answering";
import { type SudAnswer, sudAnswers } from "./answers";
import { callId } from "./fields";
import type { SudAppCall } from "./platform";

/**
 * An app-server query (a token, a user, a balance), its name said once: each call is an event of its own
 * (its id a digest of the request, its time the receipt's), answered with `data` or a business error.
 */
export function sudQuery<Name extends string, Request extends object, Data extends object>(spec: {
  readonly name: Name;
  readonly description: string;
  readonly request: () => z.ZodMiniType<Request, any>;
  /** The answer's `data`: the handler returns its input. */
  readonly data: () => z.ZodMiniType<any, Data>;
  /** Fields of `data` kept out of log lines and targets. */
  readonly concealed?: readonly string[];
}) {
  return defineAnsweringCallback<Name, Request, SudAppCall, SudAnswer<Data>>({
    name: spec.name,
    description: spec.description,
    schema: spec.request,
    dedupeId: callId(spec.name),
    eventTime: () => undefined,
    answers: sudAnswers(spec.name, spec.data as never, spec.concealed),
  });
}
