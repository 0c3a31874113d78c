/**
 * The inspector's one use of the sender (scripts/send): the callbacks it can build, a fresh one signed,
 * one edited and signed again, and a received request sent again byte for byte.
 */
import { request as httpRequest } from "node:http";
import { parse } from "lossless-json";
import { buildCallback } from "../../send/build";
import { CATALOGUE, findCallback, type PlatformName } from "../../send/catalogue";
import { deliverCallback, type Delivery } from "../../send/deliver";
import { type SignedCallback, signCallback } from "../../send/sign";
import { destinationOf, emulatorTarget, type Via } from "../../send/target";
import { readVerdict, type Verdict } from "../verdict";

type Settings = Readonly<Record<string, string | undefined>>;

export interface CatalogEntry {
  readonly name: string;
  readonly description: string;
  readonly platform: PlatformName;
  readonly fn: string;
}

export function catalogEntries(): CatalogEntry[] {
  return CATALOGUE.map(({ name, description, platform, fn }) => ({ name, description, platform, fn }));
}

/** A fresh build of one callback (new ids, signed now), for the send form to show and edit. */
export function freshCallback(name: string, settings: Settings): { entry: CatalogEntry; request: SignedCallback } {
  let built: ReturnType<typeof buildCallback>;
  try {
    built = buildCallback(name, { settings });
  } catch (error) {
    throw new CannotSend((error as Error).message);
  }
  const { template, request } = built;
  return { entry: { name: template.name, description: template.description, platform: template.platform, fn: template.fn }, request };
}

/** What carries each platform's signature: left out before signing again, so the new one is made now. */
const SIGNATURE_QUERY = new Set(["sign", "requesttime", "timestamp"]);
const SIGNATURE_HEADERS = new Set(["sud-signature", "sud-timestamp", "sud-nonce", "sud-appid"]);

/** What the page asked cannot be sent: the reason is for the person who asked. */
export class CannotSend extends Error {}

/**
 * The request signed again over an edited body, as its platform signs (or with a wrong secret). The
 * body must be a JSON object: it is read with every digit kept and written compactly, as the sender does.
 */
export function resigned(
  platform: PlatformName,
  request: { query: Record<string, string>; headers: Record<string, string> },
  bodyText: string,
  settings: Settings,
  badSignature: boolean,
): SignedCallback {
  let body: unknown;
  try {
    body = parse(bodyText);
  } catch (error) {
    throw new CannotSend(`the body is not JSON (${(error as Error).message}); it must be a JSON object to be signed`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new CannotSend("the body must be a JSON object to be signed");
  const query = Object.fromEntries(Object.entries(request.query).filter(([name]) => !SIGNATURE_QUERY.has(name.toLowerCase())));
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !SIGNATURE_HEADERS.has(name.toLowerCase())));
  return signCallback(platform, { query, headers, body: body as Record<string, unknown> }, { settings, now: Date.now(), badSignature });
}

/** Where a callback is sent on this emulator: to `fn`, at `<url>/<interface>` when `fn` serves several by the last segment. */
export function targetUrl(base: string, name: string, fn: string, via: Via, root: string, settings: Settings): string {
  const template = findCallback(name);
  return template ? destinationOf(template, { to: fn, via, base, root, settings }) : emulatorTarget(base, fn, via, root, settings);
}

export function sendSigned(request: SignedCallback, url: string): Promise<Delivery> {
  return deliverCallback(request, url);
}

/** Headers that belong to one connection, or that the new request sets itself. */
const HOP_BY_HOP = new Set(["host", "content-length", "connection", "keep-alive", "transfer-encoding", "upgrade", "expect", "te", "trailer", "proxy-connection"]);

/** The same method, path, query, headers (names as sent) and body bytes, to this emulator again. */
export function sendExact(
  base: string,
  sent: { method: string; path: string; rawQuery: string; rawHeaders: readonly string[]; body: Buffer },
): Promise<{ status: number; headers: Record<string, string>; body: string; verdict: Verdict }> {
  const headers: string[] = [];
  for (let i = 0; i + 1 < sent.rawHeaders.length; i += 2) {
    if (!HOP_BY_HOP.has(sent.rawHeaders[i]!.toLowerCase())) headers.push(sent.rawHeaders[i]!, sent.rawHeaders[i + 1]!);
  }
  const url = `${base}${sent.path}${sent.rawQuery ? `?${sent.rawQuery}` : ""}`;
  // Given as a list (names as sent), headers get no Host of Node's own.
  headers.push("Host", new URL(base).host, "Content-Length", String(sent.body.length));
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: sent.method, headers, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const flat = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
        resolve({ status: res.statusCode ?? 0, headers: flat, body, verdict: readVerdict(res.statusCode ?? 0, body) });
      });
    });
    req.on("timeout", () => req.destroy(new Error("no answer within 15 s")));
    req.on("error", reject);
    req.end(sent.body);
  });
}
