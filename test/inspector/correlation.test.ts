// A function's own log lines are tied to the request it was handling when it wrote them, even with
// several requests in one instance at once; lines written outside any request are tied to none.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulator, probeProject, type TestEmulator } from "../emulator/support";
import { History } from "../../scripts/emulator/inspector/history";
import type { RequestRecord } from "../../scripts/emulator/inspector/record";
import { recordOf } from "./support";

let em: TestEmulator;
let project: ReturnType<typeof probeProject>;
beforeAll(async () => {
  project = probeProject({ timeoutS: 10 });
  em = await emulator({ root: project.root });
});
afterAll(async () => {
  await em?.close();
  project?.remove();
});

describe("each request's own log lines", () => {
  it("go to the request that wrote them, while another is in flight in the same instance", async () => {
    const release = join(project.root, "release");
    const slow = fetch(`${em.url}/fc/probe-a?say=from-the-slow-one&until=${encodeURIComponent(release)}`, { method: "POST", body: "{}" });
    await expect.poll(() => em.lines.some((l) => l.includes("from-the-slow-one")), { timeout: 10_000 }).toBe(true);
    const quick = await fetch(`${em.url}/fc/probe-a?say=from-the-quick-one`, { method: "POST", body: "{}" });
    writeFileSync(release, "");
    const slowAnswer = await slow;

    const quickRecord = await recordOf(em, quick.headers.get("x-fc-request-id")!);
    const slowRecord = await recordOf(em, slowAnswer.headers.get("x-fc-request-id")!);
    expect(quickRecord.lines).toEqual([{ stream: "stderr", text: "from-the-quick-one" }]);
    expect(slowRecord.lines).toEqual([{ stream: "stderr", text: "from-the-slow-one" }]);
  });
});

describe("the history's bound", () => {
  const record = (seq: number, bytes: number) => ({ seq, bytes }) as RequestRecord;

  it("drops the oldest past its count, and past its bytes, always keeping the newest", () => {
    const byCount = new History(3, 1e9);
    for (let seq = 1; seq <= 10; seq++) byCount.add(record(seq, 10));
    expect(byCount.newestFirst().map((r) => r.seq)).toEqual([10, 9, 8]);
    expect(byCount.stats).toMatchObject({ size: 3, dropped: 7, bytes: 30 });
    expect(byCount.get(8)?.seq).toBe(8);
    expect(byCount.get(7)).toBeUndefined();

    const byBytes = new History(100, 1000);
    for (let seq = 1; seq <= 10; seq++) byBytes.add(record(seq, 300));
    expect(byBytes.newestFirst().map((r) => r.seq)).toEqual([10, 9, 8]);
    byBytes.add(record(11, 5000));
    expect(byBytes.newestFirst().map((r) => r.seq)).toEqual([11]);
  });
});
