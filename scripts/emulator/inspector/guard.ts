import type { IncomingMessage } from "node:http";

/** What every answer of the page and its API carries: nothing runs but the emulator's own files. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cache-control": "no-store",
};

const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost", "[::1]"]);
const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

/**
 * Why the page or its API must not answer this request, or undefined. The page shows every body and
 * can send signed callbacks, so: only under a name the emulator listens on (a rebound DNS name is
 * refused), and a change only from the page itself (a JSON POST of its own origin, never another site's).
 */
export function refusal(req: IncomingMessage, bound: string, port: number): { status: number; message: string } | undefined {
  const host = (req.headers.host ?? "").toLowerCase();
  const colon = host.lastIndexOf(":");
  const name = colon > host.lastIndexOf("]") ? host.slice(0, colon) : host;
  const hostPort = colon > host.lastIndexOf("]") ? host.slice(colon + 1) : "80";
  const anyAddress = bound === "0.0.0.0" || bound === "::";
  const knownName = LOOPBACK_NAMES.has(name) || name === bound.toLowerCase() || (anyAddress && IP_LITERAL.test(name));
  if (!knownName || hostPort !== String(port)) return { status: 403, message: `the inspector answers only at the address it listens on, not ${host || "(no Host)"}` };
  if (req.method === "GET" || req.method === "HEAD") return undefined;
  if (req.method !== "POST") return { status: 405, message: "the inspector's API takes GET and POST" };
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return { status: 403, message: "only the inspector page itself may send or replay" };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return { status: 403, message: "only the inspector page itself may send or replay" };
  if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) return { status: 415, message: "the inspector's API takes a JSON body (content-type: application/json)" };
  return undefined;
}

/** A browser asking for a page; a JSON client (or one that asks for nothing in particular) gets the route list. */
export function wantsPage(req: IncomingMessage): boolean {
  return req.method === "GET" && /\btext\/html\b/i.test(req.headers.accept ?? "");
}
