import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { bundlePath } from "../helpers/bundle";
import { fcHttpBuffer, type HttpCall } from "../helpers/events";
import { fixtureText } from "../helpers/fixtures";
import { FUNCTION_NAMES, type FunctionName, platformOf } from "../helpers/functions";
import { SUD_APP_ID, SUD_SECRET, sudCall, TENCENT_APP_ID, tencentCall, TOP_SECRET, topCall } from "../helpers/requests";

const run = promisify(execFile);

/** The two ways a runtime loads the handler: FC's and older Lambda clients' require(), newer Lambda clients' import(). */
const LOADERS = {
  require: `Promise.resolve(require("./index.js").handler)`,
  // A named export: what the runtime reads, found by Node's CommonJS lexer in the entry alone.
  import: `import(require("node:url").pathToFileURL(require("node:path").resolve("index.js")).href).then((m) => m.handler)`,
} as const;

/** What the child process runs beside the copied bundle: load it, answer one FC event, report what was loaded. */
const child = (loader: keyof typeof LOADERS) => `
const fs = require("node:fs");
${LOADERS[loader]}.then((handler) => {
  const redis = require("./redis.js");
  return handler(fs.readFileSync("event.bin"), { requestId: "child", function: { timeout: 3 } }).then((result) => {
    fs.writeFileSync("result.json", JSON.stringify({
      result,
      redisExports: Object.keys(redis),
      loaded: Object.keys(require.cache),
    }));
  });
});
`;

const ENVS: Record<FunctionName, Record<string, string>> = {
  "yuanjing-session-lifecycle": { YUANJING_APP_SECRET: TOP_SECRET },
  "tencent-live": { TENCENT_SDK_APP_ID: TENCENT_APP_ID },
  "tencent-live-battle-start": { TENCENT_SDK_APP_ID: TENCENT_APP_ID },
  "tencent-live-battle-end": { TENCENT_SDK_APP_ID: TENCENT_APP_ID },
  "tencent-live-room-destroyed": { TENCENT_SDK_APP_ID: TENCENT_APP_ID },
  "sud-notify": { SUD_APP_ID, SUD_APP_SECRET: SUD_SECRET },
  "sud-player-status": { SUD_APP_ID, SUD_APP_SECRET: SUD_SECRET },
  "sud-app-server": { SUD_APP_ID, SUD_APP_SECRET: SUD_SECRET },
  "sud-get-sstoken": { SUD_APP_ID, SUD_APP_SECRET: SUD_SECRET },
  "sud-update-sstoken": { SUD_APP_ID, SUD_APP_SECRET: SUD_SECRET },
  "sud-get-user-info": { SUD_APP_ID, SUD_APP_SECRET: SUD_SECRET },
  "sud-report-game-info": { SUD_APP_ID, SUD_APP_SECRET: SUD_SECRET },
};
/** The app-server functions' own interface (a fixture under test/fixtures/sud/app-server/). */
const SUD_APP: Partial<Record<FunctionName, string>> = {
  "sud-app-server": "get-sstoken",
  "sud-get-sstoken": "get-sstoken",
  "sud-update-sstoken": "update-sstoken",
  "sud-get-user-info": "get-user-info",
  "sud-report-game-info": "report-game-info",
};

function request(fn: FunctionName): HttpCall {
  if (fn === "yuanjing-session-lifecycle") return topCall({ body: fixtureText("yuanjing", "session-lifecycle"), secret: TOP_SECRET, at: Date.now() });
  const app = SUD_APP[fn];
  if (app) return sudCall({ now: Date.now(), path: `/sud/${app.replace(/-/g, "_")}`, body: fixtureText("sud", `app-server/${app}`) });
  if (platformOf(fn) === "sud") return sudCall({ now: Date.now(), body: fixtureText("sud", "player-status") });
  const tencent: Record<string, readonly [string, string]> = {
    "tencent-live": ["Live.CallbackAfterEndBattle", "battle-end"],
    "tencent-live-battle-start": ["Live.CallbackAfterStartBattle", "battle-start"],
    "tencent-live-battle-end": ["Live.CallbackAfterEndBattle", "battle-end"],
    "tencent-live-room-destroyed": ["Live.CallbackAfterDestroyRoom", "room-destroyed"],
  };
  const [command, fixture] = tencent[fn]!;
  return tencentCall({ command, body: fixtureText("tencent", fixture) });
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("each bundle is self-contained: it runs from a folder of its own, without node_modules, loaded either way", () => {
  for (const fn of FUNCTION_NAMES)
    for (const loader of Object.keys(LOADERS) as Array<keyof typeof LOADERS>) {
      it(`dist/${fn}, by ${loader}()`, async () => {
        const dir = mkdtempSync(join(tmpdir(), `bundle-${fn}-`));
        dirs.push(dir);
        cpSync(dirname(bundlePath(fn)), dir, { recursive: true });
        writeFileSync(join(dir, "event.bin"), fcHttpBuffer(request(fn)));
        // Nothing but PATH and the function's settings: no NODE_PATH, no project on the way up.
        await run(process.execPath, ["-e", child(loader)], { cwd: dir, env: { PATH: process.env.PATH ?? "", ...ENVS[fn] }, timeout: 15_000 });
        const report = JSON.parse(readFileSync(join(dir, "result.json"), "utf8"));
        expect(report.result).toMatchObject({ statusCode: 200, isBase64Encoded: false });
        expect(report.loaded.length).toBeGreaterThan(0);
        for (const file of report.loaded as string[]) expect(file.startsWith(dir), file).toBe(true);
        expect(report.redisExports.length).toBeGreaterThan(0);
      });
    }
});
