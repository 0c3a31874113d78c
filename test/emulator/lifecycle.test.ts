// Starting and stopping the emulator is reliable: free ports, idempotent close, nothing left running.
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../scripts/emulator/index";
import { emulator, probeProject } from "./support";

const project = probeProject();
afterAll(() => project.remove());

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

  it("closes promptly with a request still running, stopping the function's instance", async () => {
    const em = await emulator({ root: project.root });
    const inFlight = fetch(`${em.url}/fc/probe-a?sleep=900`, { method: "POST" }).catch((error: Error) => error);
    await new Promise((r) => setTimeout(r, 150));
    const started = Date.now();
    await em.close();
    expect(Date.now() - started).toBeLessThan(800);
    expect(await inFlight).toBeInstanceOf(Error);
  });

  it("reports a port that is taken", async () => {
    const em = await emulator({ root: project.root });
    try {
      await expect(startEmulator({ port: em.port, root: project.root, env: {}, log: () => {} })).rejects.toMatchObject({ code: "EADDRINUSE" });
    } finally {
      await em.close();
    }
  });
});
