import { loadAwsFunctions } from "../emulator/manifest/serverless-yml";

export type Via = "fc-http" | "aws";

/** The emulator the sender talks to by default: EMULATOR_URL, or 127.0.0.1 on PORT (9000). */
export function emulatorBase(env: Readonly<Record<string, string | undefined>>): string {
  return (env.EMULATOR_URL || `http://127.0.0.1:${env.PORT || 9000}`).replace(/\/+$/, "");
}

/**
 * Where a function is reached on the emulator: its FC HTTP trigger (/fc/<function>), or the
 * HTTP API route serverless.yml gives it.
 */
export function emulatorTarget(base: string, fn: string, via: Via, root: string, env: Readonly<Record<string, string | undefined>>): string {
  if (via === "fc-http") return `${base}/fc/${fn}`;
  const spec = loadAwsFunctions(root, env).find((s) => s.key === fn);
  const route = spec?.routes.find((r) => r.method === "POST" || r.method === "*" || r.method === "ANY");
  if (!route || route.path === "*" || route.path.includes("{")) throw new Error(`serverless.yml gives ${fn} no plain POST route`);
  return `${base}${route.path}`;
}
