// The inspector's HTTP surface: the page for a browser, the route list for everyone else, a CSP that
// lets nothing but its own files run, and no way for another site (or a rebound DNS name) to use it.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulator, ensureBuilt, type TestEmulator } from "../emulator/support";
import { api } from "./support";

let em: TestEmulator;
beforeAll(async () => {
  ensureBuilt();
  em = await emulator();
});
afterAll(() => em?.close());

/** A request with a Host header of the test's choosing (fetch keeps its own). */
function withHost(url: string, host: string, method = "GET", headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { ...headers, host } }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(method === "POST" ? "{}" : undefined);
  });
}

describe("GET /", () => {
  it("gives a browser the page, with a Content-Security-Policy that allows only the emulator's own files", async () => {
    const response = await fetch(`${em.url}/`, { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await response.text();
    expect(html).toContain('<script src="/_inspector/inspector.js"');
    expect(html).not.toMatch(/<script>|https?:\/\/(?!127\.0\.0\.1)/);
  });

  it("still gives a JSON client, or one that asks for nothing in particular, the route list", async () => {
    for (const accept of ["application/json", undefined, "*/*"]) {
      const response = await fetch(`${em.url}/`, { headers: accept ? { accept } : {} });
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(((await response.json()) as { routes: unknown[] }).routes).toContainEqual(expect.objectContaining({ via: "fc-http", fn: "tencent-live" }));
    }
  });

  it("serves its script and style itself, typed, under the same policy", async () => {
    for (const [file, type] of [
      ["inspector.js", "text/javascript"],
      ["inspector.css", "text/css"],
    ] as const) {
      const response = await fetch(`${em.url}/_inspector/${file}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain(type);
      expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    }
    expect((await fetch(`${em.url}/_inspector/../s.yaml`)).status).toBe(404);
    expect((await fetch(`${em.url}/_inspector/%2e%2e%2fs.yaml`)).status).toBe(404);
  });
});

describe("another site cannot use the inspector", () => {
  it("refuses a POST from another origin, or without a JSON body (a form or a no-CORS fetch)", async () => {
    const foreign = await fetch(api(em, "/send"), {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      body: JSON.stringify({ callback: "sud-unknown" }),
    });
    expect(foreign.status).toBe(403);
    const form = await fetch(api(em, "/send"), { method: "POST", headers: { "content-type": "text/plain" }, body: '{"callback":"sud-unknown"}' });
    expect(form.status).toBe(415);
    const crossSite = await fetch(api(em, "/letters/replay"), {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" },
      body: JSON.stringify({ all: true }),
    });
    expect(crossSite.status).toBe(403);
    expect((await fetch(api(em, "/requests"))).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers the page and its API only under the name it listens on (no DNS rebinding), while functions take any Host", async () => {
    for (const path of ["/_inspector/api/requests", "/_inspector/api/events", "/_inspector/inspector.js"]) {
      expect((await withHost(`${em.url}${path}`, `rebound.example:${em.port}`)).status).toBe(403);
    }
    expect((await withHost(`${em.url}/`, `rebound.example:${em.port}`, "GET", { accept: "text/html" })).status).toBe(403);
    expect((await withHost(`${em.url}/_inspector/api/requests`, `localhost:${em.port}`)).status).toBe(200);
    const fn = await withHost(`${em.url}/fc/sud-notify`, "sud-notify-abc.cn-hangzhou.fcapp.run", "POST", { "content-type": "application/json" });
    expect(JSON.parse(fn.body)).toHaveProperty("ret_code");
  });
});
