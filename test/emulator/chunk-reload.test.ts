// A rebuild that changes only a chunk beside index.js (redis.js, forward.js) is loaded too: the next
// request starts a fresh instance, and the inspector names the new build.
import { utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordOf } from "../inspector/support";
import { emulator, probeProject, type TestEmulator } from "./support";

let em: TestEmulator;
let project: ReturnType<typeof probeProject>;
beforeAll(async () => {
  project = probeProject();
  writeFileSync(join(project.root, "dist", "probe-a", "forward.js"), "exports.version = 1;\n");
  em = await emulator({ root: project.root });
});
afterAll(async () => {
  await em?.close();
  project?.remove();
});

const call = async () => recordOf(em, (await fetch(`${em.url}/fc/probe-a`, { method: "POST", body: "{}" })).headers.get("x-fc-request-id")!);

describe("a rebuilt chunk", () => {
  it("is run by the next request, in a fresh instance of a new build", async () => {
    const cold = await call();
    const warm = await call();
    expect(cold.coldStartMs).toBeDefined();
    expect(warm.coldStartMs).toBeUndefined();
    const chunk = join(project.root, "dist", "probe-a", "forward.js");
    writeFileSync(chunk, "exports.version = 2;\n");
    // A rebuild a moment later has a later time; set one so a coarse file clock cannot hide it.
    utimesSync(chunk, new Date(), new Date(Date.now() + 2000));
    const rebuilt = await call();
    expect(rebuilt.coldStartMs).toBeDefined();
    expect(rebuilt.build.hash).not.toBe(warm.build.hash);
  });
});
