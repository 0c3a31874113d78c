import { header, type InboundRequest } from "../../core/inbound";

const FORM_TYPE = "application/x-www-form-urlencoded";

export function isFormBody(req: InboundRequest): boolean {
  return (header(req, "content-type") ?? "").toLowerCase().startsWith(FORM_TYPE);
}

/** Form fields of a form-encoded body, URL-decoded; empty for any other body. */
export function formFields(req: InboundRequest): Record<string, string> {
  if (!isFormBody(req)) return {};
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(req.body.toString("utf8"))) {
    fields[key] = fields[key] === undefined ? value : `${fields[key]},${value}`;
  }
  return fields;
}

/** A TOP parameter from the query or, failing that, from the form fields. */
export function topParam(req: InboundRequest, form: Record<string, string>, name: string): string | undefined {
  return req.query[name] ?? form[name];
}
