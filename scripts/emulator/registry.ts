import { basename, dirname } from "node:path";
import { FunctionHost, type OutputSink } from "./host/function-host";
import type { AwsFunctionSpec, AwsRoute, FcFunctionSpec } from "./manifest/function-spec";

export interface FcEntry {
  readonly spec: FcFunctionSpec;
  readonly host: FunctionHost;
}

export interface AwsEntry {
  readonly spec: AwsFunctionSpec;
  readonly host: FunctionHost;
  readonly route: AwsRoute;
  readonly pattern: RegExp;
  readonly params: readonly string[];
}

/**
 * Every function the deploy files declare, each with its own instance host. FC and Lambda deployments
 * are separate in the cloud, so a bundle served on both has two independent instances here too.
 */
export class Registry {
  readonly fc: readonly FcEntry[];
  readonly aws: readonly AwsEntry[];

  constructor(fc: readonly FcFunctionSpec[], aws: readonly AwsFunctionSpec[], accountId: string, output: OutputSink) {
    this.fc = fc.map((spec) => ({ spec, host: new FunctionHost(spec, fcSystemEnv(spec, accountId), output) }));
    this.aws = aws.flatMap((spec) => {
      const host = new FunctionHost(spec, awsSystemEnv(spec), output);
      return spec.routes.map((route) => ({ spec, host, route, ...compile(route.path) }));
    });
  }

  /** An FC function by its key in s.yaml (the folder name) or by its FC function name. */
  fcFunction(name: string): FcEntry | undefined {
    return this.fc.find((e) => e.spec.key === name) ?? this.fc.find((e) => e.spec.name === name);
  }

  /** InvokeFunction's (service, function): a function name under any service, or the 元镜 fc_group/fc_name pair. */
  fcByServiceAndFunction(service: string, fn: string): FcEntry | undefined {
    return this.fcFunction(fn) ?? this.fc.find((e) => e.spec.env.YUANJING_FC_GROUP === service && e.spec.env.YUANJING_FC_NAME === fn);
  }

  /** The HTTP API route for a request: exact paths first, then parameters, then a catch-all. */
  awsRoute(method: string, path: string): { entry: AwsEntry; pathParameters: Record<string, string> } | undefined {
    const candidates = this.aws.filter((e) => e.route.method === method || e.route.method === "*" || e.route.method === "ANY");
    const ranked = [...candidates].sort((a, b) => rank(a) - rank(b));
    for (const entry of ranked) {
      const match = entry.pattern.exec(path);
      if (!match) continue;
      const pathParameters: Record<string, string> = {};
      for (const [i, name] of entry.params.entries()) pathParameters[name] = decodeURIComponent(match[i + 1]!);
      return { entry, pathParameters };
    }
    return undefined;
  }

  async close(): Promise<void> {
    const hosts = new Set<FunctionHost>([...this.fc.map((e) => e.host), ...this.aws.map((e) => e.host)]);
    await Promise.all([...hosts].map((host) => host.close()));
  }
}

function rank(entry: AwsEntry): number {
  if (entry.route.path === "*") return 2;
  return entry.params.length > 0 ? 1 : 0;
}

/** `/items/{id}` and `/files/{proxy+}` as HTTP API reads them. */
function compile(path: string): { pattern: RegExp; params: string[] } {
  if (path === "*") return { pattern: /^.*$/, params: [] };
  const params: string[] = [];
  const source = path
    .split("/")
    .map((segment) => {
      const param = /^\{([^}+]+)(\+)?\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      params.push(param[1]!);
      return param[2] ? "(.+)" : "([^/]+)";
    })
    .join("/");
  return { pattern: new RegExp(`^${source}$`), params };
}

/** What FC puts in every instance's environment. */
function fcSystemEnv(spec: FcFunctionSpec, accountId: string): Record<string, string> {
  return {
    FC_FUNCTION_NAME: spec.name,
    FC_FUNCTION_HANDLER: `${basename(spec.file, ".js")}.${spec.exportName}`,
    FC_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    FC_REGION: spec.region,
    FC_ACCOUNT_ID: accountId,
    FC_FUNC_CODE_PATH: dirname(spec.file),
  };
}

/** What Lambda puts in every instance's environment. */
function awsSystemEnv(spec: AwsFunctionSpec): Record<string, string> {
  return {
    AWS_LAMBDA_FUNCTION_NAME: spec.name,
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.name}`,
    AWS_REGION: spec.region,
    AWS_DEFAULT_REGION: spec.region,
    AWS_EXECUTION_ENV: "AWS_Lambda_nodejs20.x",
  };
}
