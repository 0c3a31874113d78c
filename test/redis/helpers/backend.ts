/**
 * The app's backend, on loopback: verifies each forwarded event's Standard Webhooks signature with
 * its own code (node:crypto, not the product's signer) and counts what it accepted per webhook-id.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** A Standard Webhooks secret for tests: `whsec_` + base64 of 32 bytes. */
export const FORWARD_SECRET = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;

export interface Received {
  readonly id: string;
  readonly status: number;
  readonly verified: boolean;
  readonly body: any;
  /** The request's path (with query) and headers as they arrived. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

export interface Backend {
  readonly url: string;
  /** Every request seen, in order. */
  readonly received: Received[];
  /** webhook-id → times answered 2xx: a delivery. */
  readonly accepted: Map<string, number>;
  /** Requests whose sender closed the connection before they were answered (a forwarder that gave up). */
  readonly abandoned: () => number;
  /** Changes the answer from now on. */
  behave(decide: Behaviour): void;
  close(): Promise<void>;
}

/** How the backend answers the n-th request (from 0): status and headers, after a delay. */
export type Behaviour = (n: number, id: string) => { status: number; delayMs?: number; headers?: OutgoingHttpHeaders };

/** `record: false` keeps only the counts, so a load test measures the functions' memory, not this list's. */
export async function startBackend(behaviour: Behaviour = () => ({ status: 204 }), options: { record?: boolean } = {}): Promise<Backend> {
  const record = options.record ?? true;
  const received: Received[] = [];
  const accepted = new Map<string, number>();
  let decide = behaviour;
  let n = 0;
  let abandoned = 0;
  const server = createServer(async (req, res) => {
    res.on("close", () => void (res.writableFinished || abandoned++));
    // A forward aborted at its deadline closes the request mid-body: nothing to answer, and no rejection left unhandled.
    const body = await readBody(req).catch(() => undefined);
    if (body === undefined) return;
    const id = String(req.headers["webhook-id"] ?? "");
    const verified = verify(id, String(req.headers["webhook-timestamp"]), String(req.headers["webhook-signature"]), body);
    const { status, delayMs = 0, headers = {} } = verified ? decide(n++, id) : { status: 401 };
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    if (res.destroyed) return;
    if (record) received.push({ id, status, verified, body: JSON.parse(body), path: req.url ?? "", headers: req.headers });
    if (status >= 200 && status < 300) accepted.set(id, (accepted.get(id) ?? 0) + 1);
    res.writeHead(status, headers).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/events`,
    received,
    accepted,
    abandoned: () => abandoned,
    behave: (next) => void (decide = next),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Standard Webhooks verification, as a receiver would write it. */
function verify(id: string, timestamp: string, header: string, body: string): boolean {
  if (!id || !/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(FORWARD_SECRET.slice("whsec_".length), "base64");
  const expected = Buffer.from(createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64"));
  return header.split(" ").some((part) => {
    const [version, signature = ""] = part.split(",");
    const given = Buffer.from(signature);
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}
