import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { type AwsFunctionSpec, type AwsRoute, splitHandler, stringEnv } from "./function-spec";
import { type Env, resolveFramework } from "./variables";

export interface FrameworkOptions {
  readonly stage?: string;
  readonly region?: string;
}

/** The Lambda functions and HTTP API routes `serverless deploy` would create, as the emulator runs them. */
export function loadAwsFunctions(root: string, env: Env, options: FrameworkOptions = {}, file = "serverless.yml"): AwsFunctionSpec[] {
  // Anchors, aliases and `<<` merge keys expanded, as the framework's YAML reader does.
  const raw = parse(readFileSync(join(root, file), "utf8"), { merge: true, maxAliasCount: 1000 }) as Record<string, any>;
  const doc = resolveFramework(raw, { env, options: { ...options }, self: raw }) as Record<string, any>;
  const provider = doc.provider ?? {};
  const stage = String(provider.stage ?? options.stage ?? "dev");
  return Object.entries<Record<string, any>>(doc.functions ?? {}).map(([key, fn]) => {
    const handler = splitHandler(String(fn.handler));
    return {
      key,
      name: String(fn.name ?? `${doc.service}-${stage}-${key}`),
      provider: "aws",
      region: String(provider.region ?? "us-east-1"),
      file: resolve(root, `${handler.module}.js`),
      exportName: handler.exportName,
      env: { ...stringEnv(provider.environment), ...stringEnv(fn.environment) },
      timeoutS: Number(fn.timeout ?? provider.timeout ?? 6),
      memoryMb: Number(fn.memorySize ?? provider.memorySize ?? 1024),
      routes: (fn.events ?? []).flatMap((event: any) => (event?.httpApi ? [httpApiRoute(event.httpApi)] : [])),
    } satisfies AwsFunctionSpec;
  });
}

/** `POST /path`, `'*'`, or `{method, path}`: the three ways an httpApi event is written. */
function httpApiRoute(event: unknown): AwsRoute {
  if (event === "*") return { method: "*", path: "*" };
  if (typeof event === "string") {
    const [method = "*", path = "/"] = event.trim().split(/\s+/);
    return { method: method.toUpperCase(), path };
  }
  const e = event as { method?: string; path?: string };
  return { method: (e.method ?? "*").toUpperCase(), path: e.path ?? "*" };
}
