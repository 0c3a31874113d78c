/**
 * One request as the inspector keeps it, and what it shows of it: the summary in the live list, and
 * the whole exchange with what the function's own log lines say happened (the event, the targets).
 */
import { parse, stringify } from "lossless-json";
import type { HttpAnswer } from "../http/answer";
import type { RawRequest } from "../http/raw-request";
import type { RequestLogEntry } from "../request-log";

export type Via = RequestLogEntry["via"];
export type VerdictKind = "accepted" | "duplicate" | "refused" | "quarantined" | "error";

export interface FunctionLine {
  readonly stream: "stdout" | "stderr";
  readonly text: string;
}

export interface RequestRecord {
  readonly seq: number;
  /** The runtime's request id (x-fc-request-id, apigw-requestid), which the function logs too. */
  readonly id: string;
  readonly raw: RawRequest;
  readonly answer: HttpAnswer;
  readonly entry: RequestLogEntry;
  readonly lines: readonly FunctionLine[];
  readonly summary: Summary;
  /** What it holds in memory, roughly: bodies and log lines. */
  readonly bytes: number;
}

export interface InspectorVerdict {
  readonly kind: VerdictKind;
  readonly detail: string;
  readonly platform?: string;
  /** What an answering callback decided (元镜's consume_state, a Tencent Before callback's ErrorCode). */
  readonly decision?: string;
}

export interface Summary {
  readonly seq: number;
  readonly id: string;
  readonly at: number;
  readonly via: Via;
  readonly fn: string;
  readonly method: string;
  readonly path: string;
  readonly platform?: string;
  readonly callback?: string;
  readonly verdict: InspectorVerdict;
  readonly status: number;
  readonly durationMs: number;
  readonly coldStartMs?: number;
  readonly build?: { readonly hash: string; readonly number?: number };
}

export interface TargetResult {
  readonly name: string;
  readonly result: "delivered" | "failed";
  readonly detail?: string;
}

/** How a body is shown: its text when it is UTF-8, always its base64, and pretty JSON when it is JSON (every digit kept). */
export interface ShownBody {
  readonly size: number;
  readonly text?: string;
  readonly base64: string;
  readonly json?: string;
}

const QUARANTINED = /^quarantined: /;

export function makeRecord(seq: number, raw: RawRequest, answer: HttpAnswer, entry: RequestLogEntry, lines: readonly FunctionLine[]): RequestRecord {
  const id = headerOf(answer, "x-fc-request-id") ?? headerOf(answer, "apigw-requestid") ?? `request-${seq}`;
  const parsed = lines.map((line) => parseLine(line.text));
  const summary: Summary = {
    seq,
    id,
    at: raw.receivedAt,
    via: entry.via,
    fn: entry.fn,
    method: entry.method,
    path: entry.path,
    platform: entry.verdict?.platform ?? platformOfFunction(entry.fn),
    callback: entry.callback,
    verdict: verdictOf(entry, parsed, answer),
    status: entry.status,
    durationMs: entry.durationMs,
    coldStartMs: entry.coldStartMs,
    build: entry.build ? { hash: entry.build } : undefined,
  };
  const bytes = raw.body.length + answer.body.length + lines.reduce((n, l) => n + l.text.length, 0) + raw.rawHeaders.join("").length + 1024;
  return { seq, id, raw, answer, entry, lines, summary, bytes };
}

/** The platform a function serves, by the name every function here carries. */
export function platformOfFunction(fn: string): string | undefined {
  if (fn.startsWith("tencent")) return "tencent-live";
  if (fn.startsWith("sud")) return "sud";
  if (fn.startsWith("yuanjing")) return "yuanjing";
  return undefined;
}

function verdictOf(entry: RequestLogEntry, lines: readonly Record<string, unknown>[], answer: HttpAnswer): InspectorVerdict {
  const platform = entry.verdict?.platform;
  if (entry.note) return { kind: "error", detail: entry.note, platform };
  const verdict = entry.verdict;
  if (!verdict || verdict.kind === "error") return { kind: "error", detail: verdict?.detail ?? "no answer", platform };
  const decision = decisionOf(entry.callback, answer);
  if (!verdict.accepted) return { kind: QUARANTINED.test(verdict.detail) ? "quarantined" : "refused", detail: verdict.detail, platform, decision };
  const duplicate = lines.some((line) => line.msg === "duplicate callback acknowledged");
  return { kind: duplicate ? "duplicate" : "accepted", detail: verdict.detail, platform, decision };
}

function decisionOf(callback: string | undefined, answer: HttpAnswer): string | undefined {
  const json = parseJson(answer.body.toString("utf8"));
  const inner = typeof json?.body === "string" ? parseJson(json.body) : json;
  const state = (inner?.result as { data?: { consume_state?: unknown } } | undefined)?.data?.consume_state;
  if (state !== undefined) return `consume_state ${String(state)}`;
  if (callback?.includes("CallbackBefore") && inner && "ErrorCode" in inner)
    return inner.ErrorCode === 0 ? "allowed (ErrorCode 0)" : `refused (ErrorCode ${String(inner.ErrorCode)})`;
  return undefined;
}

/** The exchange in full, with what the function's log lines tell of the event and its targets. */
export function detailOf(record: RequestRecord, buildNumber: (hash: string) => number | undefined) {
  const { raw, answer, summary } = record;
  const parsed = record.lines.map((line) => parseLine(line.text));
  const story = storyOf(parsed);
  return {
    ...withBuild(summary, buildNumber),
    rawQuery: raw.rawQuery,
    query: [...new URLSearchParams(raw.rawQuery)],
    headers: pairs(raw.rawHeaders),
    body: showBody(raw.body),
    answer: {
      status: answer.status,
      headers: Object.entries(answer.headers).flatMap(([name, v]) => (Array.isArray(v) ? v : [v]).map((one) => [name, one])),
      body: showBody(answer.body),
    },
    ...story,
    lines: record.lines,
  };
}

export function withBuild(summary: Summary, buildNumber: (hash: string) => number | undefined): Summary {
  if (!summary.build) return summary;
  return { ...summary, build: { hash: summary.build.hash, number: buildNumber(summary.build.hash) } };
}

/** Where the event went, read from the function's own lines (shared/core/pipeline.ts writes them). */
function storyOf(lines: readonly Record<string, unknown>[]): { event?: unknown; noEvent?: string; targets: TargetResult[]; deadLetter?: string } {
  const said = (msg: string) => lines.find((line) => line.msg === msg);
  const accepted = said("callback accepted");
  if (accepted) {
    const names = Array.isArray(accepted.targets) ? (accepted.targets as unknown[]).map(String) : [];
    return { event: accepted.event, targets: names.map((name) => ({ name, result: "delivered" as const })) };
  }
  const duplicate = said("duplicate callback acknowledged");
  if (duplicate) return { noEvent: `duplicate of ${String(duplicate.id)}: delivered before, acknowledged and not delivered again`, targets: [] };
  const undelivered = said("callback not delivered");
  if (undelivered) {
    const detail = String(undelivered.detail ?? "");
    return { noEvent: `not delivered: ${String(undelivered.reason)}: ${detail}`, targets: failedTargets(detail), deadLetter: stringOr(undelivered.deadLetter) };
  }
  const quarantined = said("callback quarantined");
  if (quarantined) return { noEvent: `quarantined: ${String(quarantined.reason)}: ${String(quarantined.detail)}`, targets: [], deadLetter: stringOr(quarantined.deadLetter) };
  const again = said("quarantined callback acknowledged again");
  if (again) return { noEvent: `quarantined before (${String(again.reason)}): acknowledged again, not kept twice`, targets: [] };
  const refused = said("callback refused");
  if (refused) return { noEvent: `refused: ${String(refused.reason)}: ${String(refused.detail)}`, targets: [] };
  const misconfigured = said("function misconfigured");
  if (misconfigured) return { noEvent: `function misconfigured: ${String(misconfigured.problem)}`, targets: [] };
  const failure = said("unexpected failure");
  if (failure) return { noEvent: `unexpected failure: ${String(failure.error)}`, targets: [] };
  return { noEvent: "the function logged no outcome (see its answer)", targets: [] };
}

/** `delivery failed: forward: FORWARD_URL answered HTTP 500; stream: …`: one failure per target. */
function failedTargets(detail: string): TargetResult[] {
  const list = detail.replace(/^delivery failed: /, "");
  if (list === detail) return [];
  return list.split("; ").flatMap((part) => {
    const colon = part.indexOf(": ");
    return colon > 0 ? [{ name: part.slice(0, colon), result: "failed" as const, detail: part.slice(colon + 2) }] : [];
  });
}

export function showBody(body: Buffer): ShownBody {
  let text: string | undefined;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    text = undefined;
  }
  return { size: body.length, text, base64: body.toString("base64"), json: text === undefined ? undefined : prettyJson(text) };
}

/** Pretty JSON with every digit of a big number kept; undefined when the text is not JSON. */
export function prettyJson(text: string): string | undefined {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return stringify(parse(text), null, 2);
  } catch {
    return undefined;
  }
}

function pairs(flat: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

function headerOf(answer: HttpAnswer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function parseLine(text: string): Record<string, unknown> {
  return parseJson(text) ?? {};
}

function parseJson(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith("{")) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
