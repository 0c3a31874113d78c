import type { InboundRequest } from "../core/inbound";
import type { Answer } from "../core/platform";
import { fcApiInvocationBody, fromFcHttpEvent, fromFcInvocation, isFcApiInvocation, parseFcHttpEvent, toFcHttpResult } from "./fc";
import { fromLambdaHttpEvent, fromLambdaInvocation, isLambdaHttpEvent, toLambdaHttpResult } from "./lambda";

export type Process = (req: InboundRequest) => Promise<Answer>;

/**
 * The one exported `handler` of every function. It tells the runtimes apart by what they hand over:
 * FC 3.0 gives a Buffer (an HTTP trigger's `v1` JSON, or a direct invocation's payload), Lambda
 * gives an object (`version: "2.0"` for HTTP API and Function URLs).
 */
export function runtimeHandler(process: Process) {
  return async function handler(event: unknown, context?: any): Promise<unknown> {
    const receivedAt = Date.now();
    if (Buffer.isBuffer(event) || event instanceof Uint8Array || typeof event === "string") {
      const bytes = Buffer.isBuffer(event) ? event : Buffer.from(event as Uint8Array | string);
      const http = parseFcHttpEvent(bytes);
      if (http && !isFcApiInvocation(http)) return toFcHttpResult(await process(fromFcHttpEvent(http, context, receivedAt)));
      const payload = http ? fcApiInvocationBody(http) : bytes;
      // A direct invocation's answer is the ack itself; a Buffer passes through FC unchanged.
      return Buffer.from((await process(fromFcInvocation(payload, context, receivedAt))).body);
    }
    if (isLambdaHttpEvent(event)) return toLambdaHttpResult(await process(fromLambdaHttpEvent(event, context, receivedAt)));
    const answer = await process(fromLambdaInvocation(event, context, receivedAt));
    return JSON.parse(answer.body) as unknown;
  };
}
