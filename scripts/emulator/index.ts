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
import { BodyTooLarge, readRawRequest } from "./http/raw-request";
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
  /** Fire every timer trigger this often (ms) instead of on its schedule. */
  readonly timerEveryMs?: number;
}

export interface Emulator {
  readonly url: string;
  readonly port: number;
  readonly fc: readonly FcFunctionSpec[];
  readonly aws: readonly AwsFunctionSpec[];
  readonly routes: readonly RouteInfo[];
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
  const output: OutputSink =
    options.functionOutput ??
    ((spec, stream, line) => {
      // Errors always show, shortened unless verbose; the functions' other JSON lines only when verbose.
      // A dead letter is printed whole, so `npm run replay -- --from-log` can read a copy of this output.
      const whole = options.verbose || line.length <= 200 || line.includes('"msg":"dead letter"');
      if (options.verbose || stream === "stderr") log(`    ${spec.provider} ${spec.key} │ ${whole ? terminalSafe(line) : `${terminalSafe(line.slice(0, 200))}… (--verbose for all)`}`);
    });
  const registry = new Registry(fc, aws, accountId, output);
  const report = (handled: Handled) => {
    if (handled.log) log(formatLogLine(handled.log, options.color));
  };

  async function route(req: IncomingMessage): Promise<Handled> {
    const raw = await readRawRequest(req, BODY_LIMIT);
    const trigger = /^\/fc\/([^/?]+)(\/.*)?$/.exec(raw.path);
    if (trigger) {
      const entry = registry.fcFunction(decodeURIComponent(trigger[1]!));
      if (!entry) return { answer: fcError(404, "FunctionNotFound", `s.yaml declares no function ${trigger[1]}; see GET /`) };
      return handleFcTrigger(entry, raw, trigger[2] ?? "/", accountId);
    }
    if (isInvokePath(raw.path)) return handleInvokeApi(raw, { registry, accountId, key, onAsyncDone: report });
    if (raw.method === "GET" && raw.path === "/") return { answer: json(200, { routes: routeTable(url, fc, aws) }) };
    return (await handleHttpApi(registry, raw)) ?? { answer: json(404, { message: "Not Found", hint: `no route for ${raw.method} ${raw.path}; see GET ${url}/` }) };
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    route(req)
      .catch((error: unknown): Handled => {
        if (error instanceof BodyTooLarge) return { answer: json(413, { message: error.message }) };
        log(terminalSafeLines(`emulator error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`));
        return { answer: json(500, { message: `emulator error: ${(error as Error).message}` }) };
      })
      .then((handled) => {
        send(res, handled.answer);
        report(handled);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 9000, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? "127.0.0.1"}:${port}`;
  const timers = new TimerScheduler(registry.fc, { accountId, log, everyMs: options.timerEveryMs, color: options.color });

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    fc,
    aws,
    routes: routeTable(url, fc, aws),
    timers: timers.timers,
    fireTimer: (fn) => timers.fire(fn),
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
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

function json(status: number, value: unknown): HttpAnswer {
  return { status, headers: { "content-type": "application/json" }, body: Buffer.from(JSON.stringify(value, null, 2)) };
}
