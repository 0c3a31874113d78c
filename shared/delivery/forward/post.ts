import { Agent as HttpAgent, type AgentOptions, type ClientRequest, request as httpRequest, type OutgoingHttpHeaders, type RequestOptions } from "node:http";

/** What the backend answered; the body is read and thrown away. */
export interface Answer {
  readonly status: number;
  readonly location?: string;
}

/** `headers` are all the request's, content-length included: they are sent as they are. */
export type Post = (headers: OutgoingHttpHeaders, body: string, signal: AbortSignal) => Promise<Answer>;

/** Connections one instance keeps open to the backend at most; more events at once wait for one. */
const MAX_SOCKETS = 16;
/** An idle connection is closed before a backend would (Node servers: 5 s), so few are found dead on reuse. */
const IDLE_MS = 4000;
/** A longer answer body is not worth reading to keep the connection: it is cut off. */
const MAX_DRAINED_BYTES = 1 << 20;

/**
 * POSTs to one URL over kept-alive connections (node:http: cheaper than fetch on a cold start, and it
 * never follows a redirect: a 3xx is returned like any answer). Rejects with an Error whose message
 * names FORWARD_URL and a code, never the host or anything the backend sent.
 */
export function poster(url: URL): Post {
  const agentOptions: AgentOptions = { keepAlive: true, maxSockets: MAX_SOCKETS, timeout: IDLE_MS };
  // TLS (node:https) is loaded only for an https URL: for http it would cost a cold start for nothing.
  let transport: Transport | Promise<Transport> =
    url.protocol === "https:"
      ? import("node:https").then((https) => (transport = { agent: new https.Agent(agentOptions), request: https.request }))
      : { agent: new HttpAgent(agentOptions), request: httpRequest };
  const protocol = url.protocol;
  // An IPv6 literal comes bracketed in a URL, bare in a host name.
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = url.port;
  const path = `${url.pathname}${url.search}`;

  // Once TLS is loaded (or for http at once) a request starts without a promise in between.
  const once = (headers: OutgoingHttpHeaders, body: string, signal: AbortSignal, mayRetry: boolean): Promise<Answer> =>
    transport instanceof Promise ? transport.then((ready) => attempt(ready, headers, body, signal, mayRetry)) : attempt(transport, headers, body, signal, mayRetry);

  const attempt = ({ agent, request }: Transport, headers: OutgoingHttpHeaders, body: string, signal: AbortSignal, mayRetry: boolean): Promise<Answer> =>
    new Promise<Answer>((resolve, reject) => {
      let req: ClientRequest | undefined;
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener("abort", onAbort);
        outcome();
      };
      const fail = (error: unknown) =>
        settle(() => {
          // A kept-alive connection the backend closed while it sat idle: nothing was answered, so send
          // again once on a new one (Node's advice for reused sockets); the backend de-duplicates on webhook-id.
          const stale = mayRetry && !signal.aborted && req?.reusedSocket === true && isReset(error);
          if (stale) resolve(once(headers, body, signal, false));
          else reject(new Error(failureMessage(error, signal.aborted)));
        });
      // Settles at once, also while the request still waits for a free connection (node would say so only once one frees).
      const onAbort = () => {
        req?.destroy();
        fail(undefined);
      };
      if (signal.aborted) return fail(undefined);
      try {
        req = request({ protocol, hostname, port, path, method: "POST", agent, headers });
      } catch (error) {
        return fail(error);
      }
      const sent = req;
      signal.addEventListener("abort", onAbort, { once: true });
      sent.on("error", fail);
      // Before the answer the deadline governs; after it, a body that trickles on loses its connection.
      sent.on("timeout", () => settled && sent.destroy());
      sent.on("response", (res) => {
        let drained = 0;
        res.on("data", (chunk: Buffer) => (drained += chunk.length) > MAX_DRAINED_BYTES && sent.destroy());
        res.on("error", () => undefined);
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        settle(() => resolve(location === undefined ? { status } : { status, location }));
      });
      sent.end(body);
    });

  return (headers, body, signal) => once(headers, body, signal, true);
}

interface Transport {
  readonly agent: HttpAgent;
  readonly request: (options: RequestOptions) => ClientRequest;
}

function isReset(error: unknown): boolean {
  const code = codeOf(error);
  return code === "ECONNRESET" || code === "EPIPE";
}

/** The reason a request got no answer, in words for the platform's answer: node's code, never its message (it names the host). */
export function failureMessage(error: unknown, aborted: boolean): string {
  if (aborted) return "FORWARD_URL did not answer in time";
  const code = codeOf(error);
  if (code && HEADER_CODES.has(code)) return `FORWARD_URL request could not be built: a header value cannot be sent (${code})`;
  if (code && URL_CODES.has(code)) return `FORWARD_URL request could not be built: the URL cannot be requested (${code})`;
  if (code?.startsWith("HPE_")) return `FORWARD_URL did not answer in HTTP (${code})`;
  if (code === "ECONNRESET" || code === "EPIPE") return `FORWARD_URL closed the connection without answering (${code})`;
  return `FORWARD_URL could not be reached (${code ?? "unknown error"})`;
}

const HEADER_CODES = new Set(["ERR_INVALID_CHAR", "ERR_HTTP_INVALID_HEADER_VALUE", "ERR_INVALID_HTTP_TOKEN"]);
const URL_CODES = new Set(["ERR_INVALID_URL", "ERR_UNESCAPED_CHARACTERS", "ERR_INVALID_PROTOCOL", "ERR_INVALID_URL_SCHEME"]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}
