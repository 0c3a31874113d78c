// A function's bundle carries the callbacks it serves and nothing else: the samples are tooling
// only, and a single-callback function leaves the other callbacks' schemas out (package.json
// `sideEffects: false` lets esbuild drop a module nothing uses).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";

const bundle = (fn: string) => readFileSync(`dist/${fn}/main.js`, "utf8");
/** Text only a sample holds, and text only one callback's schema holds. */
const SAMPLE_ONLY = ["Friday night PK", "hello everyone", "Welcome to the show"];
const SCHEMA_OF: Record<string, string> = {
  "Live.CallbackAfterCreateRoomReachingThreshold": "CurRoomCount",
  "Live.CallbackAfterCloudRecordingChanged": "RECORDER_START",
  "Live.CallbackAfterMemberStateChanged": "HeartbeatInterrupt",
  "Live.CallbackAfterEndBattle": "all_hosts_left",
  "Live.CallbackAfterDestroyRoom": "TotalLikesReceived",
};
const SINGLE: Record<string, string> = {
  "tencent-live-battle-start": "Live.CallbackAfterStartBattle",
  "tencent-live-battle-end": "Live.CallbackAfterEndBattle",
  "tencent-live-room-destroyed": "Live.CallbackAfterDestroyRoom",
};

describe("what a Tencent bundle carries", () => {
  beforeAll(() => {
    if (["tencent-live", ...Object.keys(SINGLE)].every((fn) => existsSync(`dist/${fn}/main.js`))) return;
    const built = spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
    if (built.status !== 0) throw new Error("npm run build failed");
  });

  it("tencent-live: every callback's schema, no sample", () => {
    const code = bundle("tencent-live");
    for (const marker of Object.values(SCHEMA_OF)) expect(code.includes(marker), marker).toBe(true);
    for (const marker of SAMPLE_ONLY) expect(code.includes(marker), `a sample's "${marker}"`).toBe(false);
  });

  for (const [fn, served] of Object.entries(SINGLE)) {
    it(`${fn}: its own callback's schema only, no sample`, () => {
      const code = bundle(fn);
      for (const [callback, marker] of Object.entries(SCHEMA_OF)) {
        expect(code.includes(marker), `${fn} carries the schema of ${callback}`).toBe(callback === served);
      }
      for (const marker of SAMPLE_ONLY) expect(code.includes(marker), `a sample's "${marker}"`).toBe(false);
    });
  }
});
