import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { type FcFunctionSpec, splitHandler, stringEnv, type TimerTrigger } from "./function-spec";
import { type DevsScope, type Env, resolveDevs } from "./variables";

/** The raw `s.yaml` (Serverless Devs, edition 3.0.0), nothing resolved. */
export interface DevsDocument {
  edition?: string;
  name?: string;
  vars?: Record<string, unknown>;
  resources?: Record<string, { component?: string; props?: Record<string, unknown> }>;
}

/** Anchors, aliases and `<<` merge keys expanded, as the CLI's YAML reader does. */
export function readDevsDocument(root: string, file = "s.yaml"): DevsDocument {
  // Every function merges the shared anchors: more aliases than the parser allows by default, in a file of our own.
  return parse(readFileSync(join(root, file), "utf8"), { merge: true, maxAliasCount: 1000 }) as DevsDocument;
}

/**
 * Every fc3 resource's props with `${env(...)}` and `${vars.*}` resolved, keyed by resource name. Like
 * `s deploy`, it stops at a variable that is unset and has no default, unless `unset` is "empty".
 */
export function resolvedProps(doc: DevsDocument, env: Env, unset: DevsScope["unset"] = "refuse"): Record<string, Record<string, unknown>> {
  const vars = (resolveDevs(doc.vars ?? {}, { env, vars: doc.vars ?? {}, unset }) ?? {}) as Record<string, unknown>;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, resource] of Object.entries(doc.resources ?? {})) {
    if (resource.component !== "fc3") continue;
    out[key] = resolveDevs(resource.props ?? {}, { env, vars, unset }) as Record<string, unknown>;
  }
  return out;
}

/** The FC 3.0 functions `s deploy` would create, as the emulator runs them. */
export function loadFcFunctions(root: string, env: Env, options: { file?: string; unset?: DevsScope["unset"] } = {}): FcFunctionSpec[] {
  const props = resolvedProps(readDevsDocument(root, options.file), env, options.unset);
  return Object.entries(props).map(([key, p]) => {
    const handler = splitHandler(String(p.handler ?? "index.handler"));
    const triggers = (Array.isArray(p.triggers) ? p.triggers : []) as any[];
    const trigger = triggers.find((t) => t?.triggerType === "http");
    return {
      key,
      name: String(p.functionName ?? key),
      provider: "fc",
      region: String(p.region ?? "cn-hangzhou"),
      file: resolve(root, String(p.code ?? "."), `${handler.module}.js`),
      exportName: handler.exportName,
      env: stringEnv(p.environmentVariables),
      timeoutS: Number(p.timeout ?? 3),
      memoryMb: Number(p.memorySize ?? 512),
      httpTrigger: trigger
        ? {
            methods: (trigger.triggerConfig?.methods ?? []).map((m: string) => m.toUpperCase()),
            authType: String(trigger.triggerConfig?.authType ?? "function"),
          }
        : undefined,
      timers: triggers
        .filter((t) => t?.triggerType === "timer")
        .map(
          (t): TimerTrigger => ({
            name: String(t.triggerName ?? "timer"),
            cronExpression: String(t.triggerConfig?.cronExpression ?? ""),
            enable: t.triggerConfig?.enable === true,
            payload: String(t.triggerConfig?.payload ?? ""),
          }),
        ),
    } satisfies FcFunctionSpec;
  });
}
