import { loadAwsFunctions } from "../emulator/manifest/serverless-yml";
import type { CallbackTemplate } from "./catalogue";

export type Via = "fc-http" | "aws";

/** The emulator the sender talks to by default: EMULATOR_URL, or 127.0.0.1 on PORT (9000). */
export function emulatorBase(env: Readonly<Record<string, string | undefined>>): string {
  return (env.EMULATOR_URL || `http://127.0.0.1:${env.PORT || 9000}`).replace(/\/+$/, "");
}

/**
 * Where a function is reached on the emulator: its FC HTTP trigger (/fc/<function>), or the
 * HTTP API route serverless.yml gives it. `segment` is the interface a prefix function reads from the
 * URL's last segment: after the trigger, or in place of the route's last `{parameter}`.
 */
export function emulatorTarget(base: string, fn: string, via: Via, root: string, env: Readonly<Record<string, string | undefined>>, segment?: string): string {
  if (via === "fc-http") return withSegment(`${base}/fc/${fn}`, segment);
  const spec = loadAwsFunctions(root, env).find((s) => s.key === fn);
  const route = spec?.routes.find((r) => r.method === "POST" || r.method === "*" || r.method === "ANY");
  const path = segment && route ? route.path.replace(/\/\{[^/{}]+\}$/, `/${encodeURIComponent(segment)}`) : route?.path;
  if (!route || !path || path === "*" || path.includes("{")) throw new Error(`serverless.yml gives ${fn} no plain POST route`);
  return `${base}${path}`;
}

/** `<url>/<segment>`, the URL's query kept after it. */
export function withSegment(url: string, segment: string | undefined): string {
  if (!segment) return url;
  const [path, query] = url.split(/\?(.*)/s, 2) as [string, string | undefined];
  return `${path.replace(/\/+$/, "")}/${encodeURIComponent(segment)}${query === undefined ? "" : `?${query}`}`;
}

export interface Destination {
  /** A deployed endpoint (--url): the function the template names, or --to's. */
  readonly url?: string;
  /** Another function (--to). */
  readonly to?: string;
  readonly via: Via;
  readonly base: string;
  readonly root: string;
  readonly settings: Readonly<Record<string, string | undefined>>;
}

/**
 * The URL a template is sent to: its own function at its URL, or a prefix function (sud-app-server)
 * at `<url>/<interface>`, on the emulator unless `url` names a deployed endpoint.
 */
export function destinationOf(template: CallbackTemplate, where: Destination): string {
  const fn = where.to ?? template.fn;
  const segment = template.segment && fn === template.segment.prefixFunction ? template.segment.name : undefined;
  return where.url ? withSegment(where.url, segment) : emulatorTarget(where.base, fn, where.via, where.root, where.settings, segment);
}
