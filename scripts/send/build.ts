import { isLosslessNumber, LosslessNumber, parse } from "lossless-json";
import { type CallbackTemplate, findCallback, CATALOGUE } from "./catalogue";
import { type SignedCallback, signCallback, signText } from "./sign";

export interface BuildOptions {
  readonly settings: Readonly<Record<string, string | undefined>>;
  readonly now?: number;
  /** `field=value` edits: a body path (`ToRoomList.0.Score`), or `query.NAME` / `header.NAME`. */
  readonly set?: readonly string[];
  /** Fields removed before signing: body paths, or `query.NAME` / `header.NAME`. */
  readonly unset?: readonly string[];
  /** The exact body to send instead of the sample (a payload seen in production), signed as it is. */
  readonly body?: string;
  readonly badSignature?: boolean;
}

export interface BuiltCallback {
  readonly template: CallbackTemplate;
  readonly request: SignedCallback;
}

/** Fields that carry the signature itself: an edit to them is applied after signing, to tamper on purpose. */
const SIGNATURE_FIELDS = new Set(["query.Sign", "query.sign", "header.Sud-Signature"]);

/** Builds, edits and signs one catalogue callback. */
export function buildCallback(name: string, options: BuildOptions): BuiltCallback {
  const template = findCallback(name);
  if (!template) throw new Error(`unknown callback "${name}"; one of: ${CATALOGUE.map((c) => c.name).join(", ")}`);
  const now = options.now ?? Date.now();
  const unsigned = template.build({ now, settings: options.settings });
  if (options.body !== undefined) {
    if (options.set?.some((e) => !/^(query|header)\./.test(e)) || options.unset?.some((p) => !/^(query|header)\./.test(p))) {
      throw new Error("a body from a file is sent as it is: --set and --unset may change only query.NAME and header.NAME with it");
    }
  }
  const edits = (options.set ?? []).map(parseEdit);
  for (const edit of edits) if (!SIGNATURE_FIELDS.has(edit.path)) applyEdit(unsigned, edit);
  for (const path of options.unset ?? []) removeField(unsigned, path.trim().replace(/\[(\d+)\]/g, ".$1"));
  const signOptions = { settings: options.settings, now, badSignature: options.badSignature };
  const request = options.body === undefined ? signCallback(template.platform, unsigned, signOptions) : signText(template.platform, unsigned, options.body, signOptions);
  const signed = { query: { ...request.query }, headers: { ...request.headers }, body: {} };
  for (const edit of edits) if (SIGNATURE_FIELDS.has(edit.path)) applyEdit(signed, edit);
  return { template, request: { ...request, query: signed.query, headers: signed.headers } };
}

interface Edit {
  readonly path: string;
  readonly value: string;
}

function parseEdit(text: string): Edit {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new Error(`--set expects field=value, got "${text}"`);
  return {
    path: text
      .slice(0, eq)
      .trim()
      .replace(/\[(\d+)\]/g, ".$1"),
    value: text.slice(eq + 1),
  };
}

function applyEdit(target: { query: Record<string, string>; headers: Record<string, string>; body: Record<string, unknown> }, edit: Edit) {
  if (edit.path.startsWith("query.")) {
    target.query[edit.path.slice(6)] = edit.value;
    return;
  }
  if (edit.path.startsWith("header.")) {
    const name = edit.path.slice(7);
    const existing = Object.keys(target.headers).find((h) => h.toLowerCase() === name.toLowerCase());
    target.headers[existing ?? name] = edit.value;
    return;
  }
  const keys = edit.path.split(".");
  let node: any = target.body;
  for (const key of keys.slice(0, -1)) {
    if (node[key] === undefined || node[key] === null || typeof node[key] !== "object") node[key] = {};
    node = node[key];
  }
  const last = keys[keys.length - 1]!;
  node[last] = typed(node[last], edit.value);
}

function removeField(target: { query: Record<string, string>; headers: Record<string, string>; body: Record<string, unknown> }, path: string) {
  if (path.startsWith("query.")) return void delete target.query[path.slice(6)];
  if (path.startsWith("header.")) {
    const name = path.slice(7).toLowerCase();
    for (const key of Object.keys(target.headers)) if (key.toLowerCase() === name) delete target.headers[key];
    return;
  }
  const keys = path.split(".");
  let node: any = target.body;
  for (const key of keys.slice(0, -1)) {
    if (node === null || typeof node !== "object" || !(key in node)) throw new Error(`--unset ${path}: the body has no ${key}`);
    node = node[key];
  }
  const last = keys[keys.length - 1]!;
  if (node === null || typeof node !== "object" || !(last in node)) throw new Error(`--unset ${path}: the body has no ${last}`);
  if (Array.isArray(node)) node.splice(Number(last), 1);
  else delete node[last];
}

/** The edited field keeps its type: text stays text, numbers stay numbers (all their digits). */
function typed(existing: unknown, value: string): unknown {
  if (typeof existing === "string") return value;
  if ((typeof existing === "number" || isLosslessNumber(existing)) && /^-?\d+(\.\d+)?$/.test(value)) return new LosslessNumber(value);
  if (typeof existing === "boolean" && (value === "true" || value === "false")) return value === "true";
  try {
    return parse(value);
  } catch {
    return value;
  }
}
