/**
 * The inspector: every request the functions receive, kept in a bounded history and shown live on a
 * page the emulator serves at `/` (to a browser) with its script and style under /_inspector/, and a
 * JSON API under /_inspector/api/ that the page uses: the requests, the send form, the dead letters.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Handled } from "../fc/trigger";
import type { FunctionSpec } from "../manifest/function-spec";
import type { HttpAnswer } from "../http/answer";
import type { RawRequest } from "../http/raw-request";
import { type BuildReport, Builds } from "./builds";
import { FunctionLines } from "./function-lines";
import { PAGE_HEADERS, refusal, wantsPage } from "./guard";
import { History } from "./history";
import { LocalLetters } from "./letters";
import { LiveEvents } from "./live-events";
import { detailOf, makeRecord, platformOfFunction, prettyJson, type RequestRecord, type Summary, withBuild } from "./record";
import { catalogEntries, freshCallback, CannotSend, resigned, sendExact, sendSigned, targetUrl } from "./sender";

const PAGE_DIR = fileURLToPath(new URL("./page/", import.meta.url));
/** The page's files, by the path they are served at; nothing else is ever read from disk for a request. */
const ASSETS: Readonly<Record<string, { file: string; type: string }>> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/_inspector/inspector.js": { file: "inspector.js", type: "text/javascript; charset=utf-8" },
  "/_inspector/inspector.css": { file: "inspector.css", type: "text/css; charset=utf-8" },
};
/** The most a page's API request may carry: an edited body. */
const API_BODY_LIMIT = 8 * 1024 * 1024;

export interface InspectorOptions {
  readonly root: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly host: string;
  readonly historyLimit?: number;
  readonly historyBytes?: number;
  /** Where dead-letter lines are kept without REDIS_URL; default a fresh temporary file. */
  readonly letterLog?: string;
  /** The emulator's terminal. */
  readonly log: (line: string) => void;
}

export type Inspector = ReturnType<typeof createInspector>;

export function createInspector(options: InspectorOptions) {
  const history = new History(options.historyLimit, options.historyBytes);
  const lines = new FunctionLines();
  const live = new LiveEvents();
  const builds = new Builds();
  const tempDir = options.letterLog ? undefined : mkdtempSync(join(tmpdir(), "emulator-letters-"));
  const letters = new LocalLetters(options.env, options.letterLog ?? join(tempDir!, "dead-letters.log"), options.log);
  const assets = new Map(Object.entries(ASSETS).map(([path, { file, type }]) => [path, { type, body: readFileSync(join(PAGE_DIR, file)) }]));
  let seq = 0;
  let base = "";
  let port = 0;

  const summaryOf = (record: RequestRecord): Summary => withBuild(record.summary, (hash) => builds.numberOf(hash));

  function record(handled: Handled, raw: RawRequest): void {
    if (!handled.log) return;
    const requestId = headerOf(handled.answer, "x-fc-request-id") ?? headerOf(handled.answer, "apigw-requestid");
    const kept = makeRecord(++seq, raw, handled.answer, handled.log, lines.take(requestId));
    history.add(kept);
    live.send("request", summaryOf(kept));
  }

  function functionOutput(_spec: FunctionSpec, stream: "stdout" | "stderr", line: string, requestId?: string): void {
    letters.keepLine(line);
    if (requestId) lines.add(requestId, { stream, text: line });
  }

  function noteBuild(report: BuildReport): void {
    builds.note(report);
    live.send("build", report);
  }

  function claims(req: IncomingMessage): boolean {
    const path = (req.url ?? "/").split("?")[0]!;
    return path.startsWith("/_inspector/") || (path === "/" && wantsPage(req));
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refused = refusal(req, options.host, port);
    if (refused) return answer(res, json(refused.status, { error: refused.message }));
    const url = new URL(req.url ?? "/", "http://inspector");
    const asset = assets.get(url.pathname);
    if (asset && req.method === "GET") return answer(res, { status: 200, headers: { "content-type": asset.type }, body: asset.body });
    if (!url.pathname.startsWith("/_inspector/api/")) return answer(res, json(404, { error: `no such inspector file ${url.pathname}` }));
    if (url.pathname === "/_inspector/api/events" && req.method === "GET") return live.open(res, PAGE_HEADERS);
    try {
      const body = req.method === "POST" ? await readJson(req) : undefined;
      answer(res, await api(req.method ?? "GET", url.pathname.slice("/_inspector/api".length), url.searchParams, body));
    } catch (error) {
      const status = error instanceof BadRequest || error instanceof CannotSend ? 400 : 500;
      answer(res, json(status, { error: (error as Error).message }));
    }
  }

  async function api(method: string, path: string, params: URLSearchParams, body: Record<string, unknown> | undefined): Promise<HttpAnswer> {
    if (method === "GET" && path === "/status") return json(200, status());
    if (method === "GET" && path === "/requests") return json(200, { requests: listed(params), history: history.stats });
    const one = /^\/requests\/(\d+)(\/resend|\/resign)?$/.exec(path);
    if (one) {
      const kept = history.get(Number(one[1]));
      if (!kept) return json(404, { error: `request ${one[1]} is no longer in the history (it keeps the newest ${history.limit})` });
      if (method === "GET" && !one[2])
        return json(
          200,
          detailOf(kept, (hash) => builds.numberOf(hash)),
        );
      if (method === "POST" && one[2] === "/resend") return json(200, await sendAgain(kept));
      if (method === "POST" && one[2] === "/resign") return json(200, await editAndSend(kept, body ?? {}));
    }
    if (method === "GET" && path === "/callbacks") return json(200, { callbacks: catalogEntries(), functions: functions() });
    const named = /^\/callbacks\/([^/]+)$/.exec(path);
    if (method === "GET" && named) return json(200, fresh(decodeURIComponent(named[1]!)));
    if (method === "POST" && path === "/send") return json(200, await send(body ?? {}));
    if (method === "GET" && path === "/letters") return json(200, await letters.list());
    if (method === "POST" && path === "/letters/replay") {
      const ids = body?.all === true ? "all" : Array.isArray(body?.ids) ? body.ids.map(String) : undefined;
      if (!ids) throw new BadRequest('replay takes {"ids": [...]} or {"all": true}');
      return json(200, { results: await letters.replay(ids) });
    }
    return json(404, { error: `no inspector API ${method} ${path}` });
  }

  function status() {
    return { url: base, history: history.stats, build: builds.latest, functions: functions() };
  }

  function functions() {
    return [...new Set(history.newestFirst().map((r) => r.summary.fn))];
  }

  function listed(params: URLSearchParams): Summary[] {
    const fn = params.get("fn");
    const platform = params.get("platform");
    const verdict = params.get("verdict");
    const q = params.get("q")?.toLowerCase();
    const out: Summary[] = [];
    for (const kept of history.newestFirst()) {
      const s = kept.summary;
      if ((fn && s.fn !== fn) || (platform && s.platform !== platform) || (verdict && s.verdict.kind !== verdict)) continue;
      if (q && !kept.raw.body.toString("utf8").toLowerCase().includes(q) && !decodeQuery(kept.raw.rawQuery).toLowerCase().includes(q)) continue;
      out.push(summaryOf(kept));
    }
    return out;
  }

  function fresh(name: string) {
    const { entry, request } = freshCallback(name, options.env);
    return { ...entry, query: request.query, headers: request.headers, body: request.body, pretty: prettyJson(request.body) ?? request.body };
  }

  /** A catalog callback, built fresh and signed; with the page's edited body, signed over that body instead. */
  async function send(body: Record<string, unknown>) {
    const name = String(body.callback ?? "");
    const { entry, request } = freshCallback(name, options.env);
    const fn = typeof body.to === "string" && body.to ? body.to : entry.fn;
    const via = body.via === "aws" ? "aws" : "fc-http";
    const badSignature = body.badSignature === true;
    // The form's body as shown is what is sent, signed now; without one, the fresh build as it is.
    const signed =
      typeof body.body === "string" || badSignature
        ? resigned(entry.platform, request, typeof body.body === "string" ? body.body : request.body, options.env, badSignature)
        : request;
    return outcome(await sendSigned(signed, targetUrl(base, name, fn, via, options.root, options.env)));
  }

  async function sendAgain(kept: RequestRecord) {
    return outcome(await sendExact(base, kept.raw));
  }

  /** A received request with its body edited, signed anew as its platform would, to the same path. */
  async function editAndSend(kept: RequestRecord, body: Record<string, unknown>) {
    if (kept.summary.via === "fc-invoke") throw new BadRequest("a direct invocation is signed by FC, not by its platform: send it again, or use npm run invoke");
    const platform = kept.summary.platform ?? platformOfFunction(kept.summary.fn);
    if (platform !== "tencent-live" && platform !== "sud" && platform !== "yuanjing") throw new BadRequest(`no platform is known for ${kept.summary.fn}`);
    const query = Object.fromEntries(new URLSearchParams(kept.raw.rawQuery));
    const headers: Record<string, string> = {};
    for (let i = 0; i + 1 < kept.raw.rawHeaders.length; i += 2) {
      const name = kept.raw.rawHeaders[i]!;
      if (!["host", "content-length", "connection", "transfer-encoding", "keep-alive", "expect", "accept-encoding"].includes(name.toLowerCase()))
        headers[name] = kept.raw.rawHeaders[i + 1]!;
    }
    const text = typeof body.body === "string" ? body.body : kept.raw.body.toString("utf8");
    const signed = resigned(platform, { query, headers }, text, options.env, body.badSignature === true);
    return outcome(await sendSigned(signed, `${base}${kept.raw.path}`));
  }

  function outcome(delivery: { status: number; headers: Record<string, string>; body: string; verdict: { accepted: boolean; kind: string; detail: string } }) {
    const requestId = delivery.headers["x-fc-request-id"] ?? delivery.headers["apigw-requestid"];
    return { status: delivery.status, requestId, body: delivery.body, verdict: delivery.verdict };
  }

  return {
    claims,
    serve,
    record,
    functionOutput,
    noteBuild,
    history,
    listening(url: string, listeningPort: number) {
      base = url;
      port = listeningPort;
    },
    async close() {
      live.close();
      await letters.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

class BadRequest extends Error {}

function answer(res: ServerResponse, reply: HttpAnswer): void {
  if (res.headersSent) return;
  res.writeHead(reply.status, { ...PAGE_HEADERS, ...reply.headers, "content-length": reply.body.length });
  res.end(reply.body);
}

function json(status: number, value: unknown): HttpAnswer {
  return { status, headers: { "content-type": "application/json" }, body: Buffer.from(JSON.stringify(value)) };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > API_BODY_LIMIT) throw new BadRequest(`the request exceeds ${API_BODY_LIMIT} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequest("the request body is not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new BadRequest("the request body must be a JSON object");
  return value as Record<string, unknown>;
}

function headerOf(answer: HttpAnswer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function decodeQuery(rawQuery: string): string {
  try {
    return decodeURIComponent(rawQuery.replace(/\+/g, " "));
  } catch {
    return rawQuery;
  }
}
