/** One deployable function as the emulator runs it: which bundle, which export, which environment. */
export interface FunctionSpec {
  /** The function's key in the deploy file, which is also its folder under functions/ and dist/. */
  readonly key: string;
  /** Its name in the cloud (FC functionName, or the Lambda name Serverless gives it). */
  readonly name: string;
  readonly provider: "fc" | "aws";
  /** The bundle file, absolute, and the exported handler in it. */
  readonly file: string;
  readonly exportName: string;
  /** The environment as the deploy file declares it, references resolved. */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutS: number;
  readonly memoryMb: number;
}

export interface FcFunctionSpec extends FunctionSpec {
  readonly provider: "fc";
  readonly region: string;
  readonly httpTrigger?: { readonly methods: readonly string[]; readonly authType: string };
  /** Its timer triggers: the emulator fires each on its schedule, as FC does. */
  readonly timers?: readonly TimerTrigger[];
}

/** An fc3 `triggerType: timer`: when it fires, whether it is on, and the `payload` its event carries. */
export interface TimerTrigger {
  readonly name: string;
  readonly cronExpression: string;
  readonly enable: boolean;
  readonly payload: string;
}

export interface AwsRoute {
  /** Upper-case method, or "*" for any. */
  readonly method: string;
  /** As declared, e.g. /tencent-live or /items/{id}. */
  readonly path: string;
}

export interface AwsFunctionSpec extends FunctionSpec {
  readonly provider: "aws";
  readonly region: string;
  readonly routes: readonly AwsRoute[];
}

/** `dir/index.handler` → the file `dir/index.js` and the export `handler`. */
export function splitHandler(handler: string): { module: string; exportName: string } {
  const dot = handler.lastIndexOf(".");
  if (dot <= 0) throw new Error(`handler "${handler}" is not in module.export form`);
  return { module: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}

/** Env values as the clouds store them: strings; empty and missing entries dropped. */
export function stringEnv(record: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!record || typeof record !== "object") return out;
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined || value === null) continue;
    const text = String(value);
    if (text !== "") out[name] = text;
  }
  return out;
}
