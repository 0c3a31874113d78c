import type { AwsFunctionSpec, FcFunctionSpec } from "./manifest/function-spec";

/** One address the emulator answers on, for the start-up banner, GET / and the sender. */
export interface RouteInfo {
  readonly via: "fc-http" | "fc-invoke" | "aws";
  /** The function's key (its folder name). */
  readonly fn: string;
  readonly methods: readonly string[];
  readonly url: string;
}

/**
 * The URL scheme: FC HTTP triggers at /fc/<function>, the FC InvokeFunction API at FC's own paths,
 * AWS HTTP API routes at the paths serverless.yml declares.
 */
export function routeTable(base: string, fc: readonly FcFunctionSpec[], aws: readonly AwsFunctionSpec[]): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const spec of fc) {
    if (spec.httpTrigger) routes.push({ via: "fc-http", fn: spec.key, methods: spec.httpTrigger.methods, url: `${base}/fc/${spec.key}` });
  }
  for (const spec of fc) {
    routes.push({ via: "fc-invoke", fn: spec.key, methods: ["POST"], url: `${base}/2023-03-30/functions/${spec.name}/invocations` });
    const group = spec.env.YUANJING_FC_GROUP;
    const name = spec.env.YUANJING_FC_NAME;
    if (group && name) routes.push({ via: "fc-invoke", fn: spec.key, methods: ["POST"], url: `${base}/2016-08-15/services/${group}/functions/${name}/invocations` });
  }
  for (const spec of aws) {
    for (const route of spec.routes) routes.push({ via: "aws", fn: spec.key, methods: [route.method], url: `${base}${route.path === "*" ? "/*" : route.path}` });
  }
  return routes;
}
