/**
 * The local emulator: every function of s.yaml behind FC 3.0 HTTP triggers and the FC InvokeFunction
 * API, its timer triggers fired on their schedules, and every function of serverless.yml behind its HTTP
 * API routes, each running its own built bundle in its own instance. `startEmulator({ port: 0 })` gives
 * a free port; `close()` stops it all.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolveSettings } from "../dev-credentials";
import { handleHttpApi } from "./aws/http-api";
import { handleInvokeApi, isInvokePath } from "./fc/invoke-api";
import { type TimerInfo, TimerScheduler } from "./fc/timer";
import { fcError, type Handled, handleFcTrigger } from "./fc/trigger";
import type { OutputSink } from "./host/function-host";
import type { HttpAnswer } from "./http/answer";
import { BodyTooLarge, type RawRequest, readRawRequest } from "./http/raw-request";
import type { BuildReport } from "./inspector/builds";
import { createInspector } from "./inspector/index";
import type { AwsFunctionSpec, FcFunctionSpec } from "./manifest/function-spec";
import { loadAwsFunctions } from "./manifest/serverless-yml";
import { loadFcFunctions } from "./manifest/s-yaml";
import { Registry } from "./registry";
import { formatLogLine } from "./request-log";
import { routeTable, type RouteInfo } from "./routes";
import { terminalSafe, terminalSafeLines } from "./terminal-safe";

export type { RouteInfo } from "./routes";

/** FC's synchronous payload limit: the most any request may carry here. */
const BODY_LIMIT = 32 * 1024 * 1024;

export interface EmulatorOptions {
  /** Default 9000; 0 picks a free port. */
  readonly port?: number;
  /** Loopback only unless told otherwise. */
  readonly host?: string;
  /** The project root holding s.yaml, serverless.yml and dist/. Default: the current directory. */
  readonly root?: string;
  /** Configuration the deploy files' references resolve from. Default: dev credentials < .env < environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where the one line per callback goes. Default: stdout. */
  readonly log?: (line: string) => void;
  /** Where the functions' own log lines go. Default: errors to `log`, the rest only when `verbose`. */
  readonly functionOutput?: OutputSink;
  readonly verbose?: boolean;
  readonly color?: boolean;
  /** Serverless Framework stage (names the Lambda functions). Default dev. */
  readonly stage?: string;
  /** Requests the inspector page keeps (EMULATOR_HISTORY); default 2000, the oldest dropped first. */
  readonly historyLimit?: number;
  /** Where the inspector keeps the dead letters its functions write without REDIS_URL; default a temporary file. */
  readonly letterLog?: string;
  /** Fire every timer trigger this often (ms) instead of on its schedule. */
  readonly timerEveryMs?: number;
}

export interface Emulator {
  readonly url: string;
  readonly port: number;
  readonly fc: readonly FcFunctionSpec[];
  readonly aws: readonly AwsFunctionSpec[];
  readonly routes: readonly RouteInfo[];
  /** Tells the inspector page of a rebuild (npm start's watch), so it can say which build served a request. */
  noteBuild(report: BuildReport): void;
  /** The timer triggers it fires. */
  readonly timers: readonly TimerInfo[];
  /** Fires a function's timer trigger now; resolves with the line it logged. */
  fireTimer(fn: string): Promise<string>;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const root = options.root ?? process.cwd();
  const env = options.env ?? resolveSettings({ cwd: root }).env;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const fc = loadFcFunctions(root, env);
  const aws = loadAwsFunctions(root, env, { stage: options.stage ?? "dev" });
  const accountId = env.ALIBABA_CLOUD_ACCOUNT_ID ?? "";
  const key = { id: env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? "", secret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? "" };
  const host = options.host ?? "127.0.0.1";
  const inspector = createInspector({ root, env, host, historyLimit: options.historyLimit ?? historySetting(env), letterLog: options.letterLog, log });
  const terminalOutput: OutputSink =
    options.functionOutput ??
    ((spec, stream, line) => {
      // Errors always show, shortened unless verbose; the functions' other JSON lines only when verbose.
      // A dead letter is printed whole, so `npm run replay -- --from-log` can read a copy of this output.
      const whole = options.verbose || line.length <= 200 || line.includes('"msg":"dead letter"');
      if (options.verbose || stream === "stderr")
        log(`    ${spec.provider} ${spec.key} │ ${whole ? terminalSafe(line) : `${terminalSafe(line.slice(0, 200))}… (--verbose for all)`}`);
    });
  // Every line also reaches the inspector, with the request it was written for.
  const output: OutputSink = (spec, stream, line, requestId) => {
    inspector.functionOutput(spec, stream, line, requestId);
    terminalOutput(spec, stream, line, requestId);
  };
  const registry = new Registry(fc, aws, accountId, output);
  const report = (handled: Handled, raw?: RawRequest) => {
    if (handled.log) log(formatLogLine(handled.log, options.color));
    if (raw) inspector.record(handled, raw);
  };

  async function route(req: IncomingMessage): Promise<{ handled: Handled; raw?: RawRequest }> {
    const raw = await readRawRequest(req, BODY_LIMIT);
    return { handled: await handle(raw), raw };
  }

  async function handle(raw: RawRequest): Promise<Handled> {
    const trigger = /^\/fc\/([^/?]+)(\/.*)?$/.exec(raw.path);
    if (trigger) {
      const entry = registry.fcFunction(decodeURIComponent(trigger[1]!));
      if (!entry) return { answer: fcError(404, "FunctionNotFound", `s.yaml declares no function ${trigger[1]}; see GET /`) };
      return handleFcTrigger(entry, raw, trigger[2] ?? "/", accountId);
    }
    if (isInvokePath(raw.path)) return handleInvokeApi(raw, { registry, accountId, key, onAsyncDone: (handled) => report(handled, raw) });
    if (raw.method === "GET" && raw.path === "/") return { answer: json(200, { routes: routeTable(url, fc, aws) }) };
    return (await handleHttpApi(registry, raw)) ?? { answer: json(404, { message: "Not Found", hint: `no route for ${raw.method} ${raw.path}; see GET ${url}/` }) };
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (inspector.claims(req)) return void inspector.serve(req, res);
    route(req)
      .catch((error: unknown): { handled: Handled } => {
        if (error instanceof BodyTooLarge) return { handled: { answer: json(413, { message: error.message }) } };
        log(terminalSafeLines(`emulator error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`));
        return { handled: { answer: json(500, { message: `emulator error: ${(error as Error).message}` }) } };
      })
      .then(({ handled, raw }: { handled: Handled; raw?: RawRequest }) => {
        send(res, handled.answer);
        report(handled, raw);
      });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 9000, host, () => resolve());
    });
  } catch (error) {
    // Nothing listens (a port taken, an address not there): the inspector's temporary letter log goes, and the
    // error thrown is listen's own, whatever closing it did.
    await inspector.close().catch(() => undefined);
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  inspector.listening(url, port);
  const timers = new TimerScheduler(registry.fc, { accountId, log, everyMs: options.timerEveryMs, color: options.color });

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    fc,
    aws,
    routes: routeTable(url, fc, aws),
    noteBuild: (report) => inspector.noteBuild(report),
    timers: timers.timers,
    fireTimer: (fn) => timers.fire(fn),
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await inspector.close();
        server.closeAllConnections();
        await Promise.all([stopped, timers.close(), registry.close()]);
      })();
      return closing;
    },
  };
}

function send(res: ServerResponse, answer: HttpAnswer) {
  if (res.headersSent) return;
  res.writeHead(answer.status, { ...answer.headers, "content-length": answer.body.length });
  res.end(answer.body);
}

/** EMULATOR_HISTORY: a whole number of requests, at least 1. */
function historySetting(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const text = env.EMULATOR_HISTORY;
  if (!text) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`EMULATOR_HISTORY must be a whole number of requests, at least 1, not ${text}`);
  return value;
}

function json(status: number, value: unknown): HttpAnswer {
  return { status, headers: { "content-type": "application/json" }, body: Buffer.from(JSON.stringify(value, null, 2)) };
}
