// Starting and stopping the emulator is reliable: free ports, idempotent close, nothing left running;
// function instances start once, and a rebuilt bundle replaces one without dropping a request.
import { readdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../scripts/emulator/index";
import { tempDir } from "../helpers/temp";
import { emulator, logLine, PROBE_SOURCE, probeProject } from "./support";

const project = probeProject();
// Functions that wait for the test to release them, however loaded the machine: a long timeout.
const patient = probeProject({ timeoutS: 60 });
afterAll(() => {
  project.remove();
  patient.remove();
});

describe("emulator lifecycle", () => {
  it("takes a free port for port 0, so several run side by side", async () => {
    const [a, b] = await Promise.all([emulator({ root: project.root }), emulator({ root: project.root })]);
    try {
      expect(a.port).not.toBe(b.port);
      expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("stops serving at close(), which is safe to call twice", async () => {
    const em = await emulator({ root: project.root });
    expect((await fetch(`${em.url}/fc/probe-a`, { method: "POST" })).status).toBe(200);
    await em.close();
    await em.close();
    await expect(fetch(`${em.url}/fc/probe-a`, { method: "POST" })).rejects.toThrow();
  });

  it("closes with a request still running, stopping the function's instance instead of waiting for it", async () => {
    const em = await emulator({ root: patient.root });
    // The function runs until a file appears that never does: close() must not wait for it.
    const never = join(patient.root, "never");
    const url = `${em.url}/fc/probe-a?say=closing-started&until=${encodeURIComponent(never)}`;
    const inFlight = fetch(url, { method: "POST" }).catch((error: Error) => error);
    await logLine(em, /probe-a │ closing-started/);
    await em.close();
    expect(await inFlight).toBeInstanceOf(Error);
  });

  it("reports a port that is taken, and leaves no temporary letter log behind", async () => {
    const em = await emulator({ root: project.root });
    // The system's temporary folder, as os.tmpdir() reads it, is one of this test's own while it runs.
    const temporary = tempDir("tmpdir-");
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = temporary;
    try {
      await expect(startEmulator({ port: em.port, root: project.root, env: {}, log: () => {} })).rejects.toMatchObject({ code: "EADDRINUSE" });
      expect(readdirSync(temporary)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      await em.close();
    }
  });
});

describe("function instances", () => {
  it("share one cold start between concurrent first requests", async () => {
    const em = await emulator({ root: project.root });
    try {
      const reports = await Promise.all(Array.from({ length: 5 }, () => fetch(`${em.url}/fc/probe-b`, { method: "POST" }).then((r) => r.json() as Promise<{ calls: number }>)));
      expect(reports.map((r) => r.calls).sort()).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await em.close();
    }
  });

  it("let a request running on a replaced bundle finish, while the next one gets the new bundle", async () => {
    const own = probeProject({ timeoutS: 60 });
    const em = await emulator({ root: own.root });
    try {
      // The slow request is running in the old instance, and stays there until the test writes `release`.
      const release = join(own.root, "release");
      const url = `${em.url}/fc/probe-a?say=slow-started&until=${encodeURIComponent(release)}`;
      const slow = fetch(url, { method: "POST" }).then((r) => r.json() as Promise<{ version: string }>);
      await logLine(em, /probe-a │ slow-started/);
      const file = join(own.root, "dist", "probe-a", "index.js");
      writeFileSync(file, PROBE_SOURCE.replace('version: "v1"', 'version: "v2"'));
      utimesSync(file, new Date(), new Date(Date.now() + 5000));
      const fresh = (await (await fetch(`${em.url}/fc/probe-a`, { method: "POST" })).json()) as { version: string; calls: number };
      expect(fresh).toMatchObject({ version: "v2", calls: 1 });
      writeFileSync(release, "");
      expect((await slow).version).toBe("v1");
    } finally {
      await em.close();
      own.remove();
    }
  });
});
