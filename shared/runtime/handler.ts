import type { InboundRequest } from "../core/inbound";
import type { Answer } from "../core/platform";
import { classifyFcEvent, fromFcApiInvocation, fromFcHttpEvent, fromFcInvocation, fromUnrecognisedFcEvent, isFcApiInvocation, toFcHttpResult } from "./fc";
import { fromLambdaHttpEvent, fromLambdaInvocation, isLambdaHttpEvent, toLambdaHttpResult } from "./lambda";

export type Process = (req: InboundRequest) => Promise<Answer>;

/**
 * The one exported `handler` of every function. It tells the runtimes apart by what they hand over:
 * FC 3.0 gives a Buffer (an HTTP trigger's `v1` JSON, or a direct invocation's payload), Lambda
 * gives an object (`version: "2.0"` for HTTP API and Function URLs). An event it cannot read is
 * still handed on, marked `unreadable`, so that the platform gets its own answer saying why.
 */
export function runtimeHandler(process: Process) {
  return async function handler(event: unknown, context?: any): Promise<unknown> {
    const receivedAt = Date.now();
    if (Buffer.isBuffer(event) || event instanceof Uint8Array || typeof event === "string") {
      const bytes = Buffer.isBuffer(event) ? event : Buffer.from(event as Uint8Array | string);
      const fc = classifyFcEvent(bytes);
      if (fc.kind === "unrecognised") return toFcHttpResult(await process(fromUnrecognisedFcEvent(fc.problem, fc.event, context, receivedAt)));
      if (fc.kind === "http" && !isFcApiInvocation(fc.event)) return toFcHttpResult(await process(fromFcHttpEvent(fc.event, context, receivedAt)));
      const req = fc.kind === "http" ? fromFcApiInvocation(fc.event, context, receivedAt) : fromFcInvocation(bytes, context, receivedAt);
      // A direct invocation's answer is the ack itself; a Buffer passes through FC unchanged.
      return Buffer.from((await process(req)).body);
    }
    if (isLambdaHttpEvent(event)) return toLambdaHttpResult(await process(fromLambdaHttpEvent(event, context, receivedAt)));
    const answer = await process(fromLambdaInvocation(event, context, receivedAt));
    return JSON.parse(answer.body) as unknown;
  };
}
