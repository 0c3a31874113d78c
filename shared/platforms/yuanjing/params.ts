import { header, type InboundRequest } from "../../core/inbound";
import { type Checked, fail, ok } from "../../core/outcome";

const FORM_TYPE = "application/x-www-form-urlencoded";
/** The largest body the SPI takes; a larger one is refused before any parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

/** A request's TOP parameters: what the sign covers, the timestamp window reads and the fields come from. */
export interface TopParams {
  /** Every parameter by name, each from the one place it arrived: query, form body, or a header `top-sign-list` names. */
  readonly values: ReadonlyMap<string, string>;
  /** A form body's fields are parameters, and its bytes are not signed. */
  readonly form: boolean;
}

export function isFormBody(req: InboundRequest): boolean {
  return (header(req, "content-type") ?? "").toLowerCase().startsWith(FORM_TYPE);
}

// The sign, the timestamp window, the envelope and the answer's format all ask, one after another: read
// once per request. One request remembered, not a WeakMap: an entry per request there is work for every
// garbage collection, and requests in flight together only read their parameters again.
let lastRequest: InboundRequest | undefined;
let lastParams: Checked<TopParams> | undefined;

/**
 * The one parameter map of an HTTP request. A name that arrives in two places (the query and the form
 * body, or either and a header named in `top-sign-list`) is refused: TOP's own merge would sign one
 * value while a reader could take the other.
 */
export function topParams(req: InboundRequest): Checked<TopParams> {
  if (req !== lastRequest || !lastParams) {
    lastParams = readTopParams(req);
    lastRequest = req;
  }
  return lastParams;
}

function readTopParams(req: InboundRequest): Checked<TopParams> {
  const values = new Map<string, string>();
  // Names are unique within each place (form fields and the list are joined first), so a name seen
  // before came from a place read earlier: the query (read first), else the form body.
  const add = (name: string, value: string, place: string): string | undefined => {
    if (values.has(name)) return `${name} arrives in both ${Object.hasOwn(req.query, name) ? "the query" : "the form body"} and ${place}`;
    values.set(name, value);
    return undefined;
  };
  const clash = (problem: string) => fail("invalid", `${problem}; each parameter must come from one place`);

  for (const name of Object.keys(req.query)) values.set(name, req.query[name]!);
  const form = isFormBody(req);
  if (form) {
    // Repeated names in the form are one parameter, comma-joined as the runtimes join repeated query values.
    const fields = new Map<string, string>();
    for (const [name, value] of new URLSearchParams(req.body.toString("utf8"))) fields.set(name, fields.has(name) ? `${fields.get(name)},${value}` : value);
    for (const [name, value] of fields) {
      const problem = add(name, value, "the form body");
      if (problem) return clash(problem);
    }
  }
  // The usual call names no headers: no list to read.
  if (header(req, "top-sign-list") === undefined) return ok({ values, form });
  for (const name of new Set(signListOf(req))) {
    const problem = add(name, header(req, name) ?? "", "a header named in top-sign-list");
    if (problem) return clash(problem);
  }
  return ok({ values, form });
}

/** Names in `top-sign-list` as listed (the sign uses them as written; a missing header counts as ""). */
export function signListOf(req: InboundRequest): string[] {
  const list = header(req, "top-sign-list");
  return list === undefined
    ? []
    : list
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean);
}
