/** How a request reached the function: over HTTP (a trigger, a URL) or by direct invocation. */
export type Transport = "http" | "invoke";

/** One callback as the runtime adapters hand it to the pipeline: the same shape on every runtime. */
export interface InboundRequest {
  readonly transport: Transport;
  /** Upper-case HTTP method; "INVOKE" for a direct invocation. */
  readonly method: string;
  readonly path: string;
  /** Query parameters, URL-decoded, names as sent; repeated values comma-joined. */
  readonly query: Readonly<Record<string, string>>;
  /** Header names lower-cased; repeated values comma-joined. */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact bytes received: signatures are always computed over these. */
  readonly body: Buffer;
  /** Epoch ms when the runtime received the request. */
  readonly receivedAt: number;
  /** Epoch ms by which the runtime stops the function, when the runtime tells. */
  readonly deadlineAt?: number;
  readonly sourceIp?: string;
  readonly requestId?: string;
  /** Why the runtime's event could not be read as a request (an unknown trigger event, a body that is not base64): refused with it. */
  readonly unreadable?: string;
}

/** A direct invocation: no HTTP around it, the payload is the body. */
export function invocation(body: Buffer, receivedAt: number, deadlineAt: number | undefined, requestId: string | undefined): InboundRequest {
  return { transport: "invoke", method: "INVOKE", path: "", query: {}, headers: {}, body, receivedAt, deadlineAt, requestId };
}

export function header(req: InboundRequest, name: string): string | undefined {
  return req.headers[name.toLowerCase()];
}

/** Query lookup; platforms that spell a key several ways ask for it case-insensitively. */
export function queryParam(req: InboundRequest, name: string, anyCase = false): string | undefined {
  const exact = req.query[name];
  if (exact !== undefined || !anyCase) return exact;
  const wanted = name.toLowerCase();
  for (const key in req.query) if (key.toLowerCase() === wanted) return req.query[key];
  return undefined;
}

/** A header or query value as text, arrays comma-joined; a value that cannot be made text (no toString) is empty. */
export function asText(value: unknown): string {
  try {
    return Array.isArray(value) ? value.map(asText).join(",") : String(value);
  } catch {
    return "";
  }
}

export function lowerCaseKeys(record: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!record) return out;
  for (const key in record) {
    const value = record[key];
    if (value === undefined || value === null) continue;
    const name = key.toLowerCase();
    const text = typeof value === "string" ? value : asText(value);
    out[name] = out[name] === undefined ? text : `${out[name]},${text}`;
  }
  return out;
}
