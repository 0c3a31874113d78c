// What a function is handed by the emulator, checked with probe functions that echo it back: the FC
// v1 event (field for field against the real one in test/deploy/fc3), the Lambda v2 event, the
// context, and each function's own environment, module state, timeout and crash handling.
import { utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fc3Vendor } from "../deploy/fc3/vendor";
import { emulator, logLine, probeProject, PROBE_SOURCE, type TestEmulator } from "./support";

const vendorEvent = fc3Vendor("http-trigger-event.json") as { requestContext: { http: object } };
const keysOf = (value: object) => Object.keys(value).sort();

let project: ReturnType<typeof probeProject>;
let em: TestEmulator;
beforeAll(async () => {
  project = probeProject();
  em = await emulator({ root: project.root, env: { PROBE_SECRET: "probe-secret-value", ALIBABA_CLOUD_ACCOUNT_ID: "1234567890123456" } });
});
afterAll(async () => {
  await em?.close();
  project?.remove();
});

/** A raw request, so header case and repeated headers go out exactly as written. */
function rawPost(path: string, headers: [string, string][], body: Buffer): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { port } = new URL(em.url);
  return new Promise((resolve, reject) => {
    // Raw header pairs keep their case and repeats; with them Node adds no Host header of its own.
    const flat = [["Host", `127.0.0.1:${port}`], ...headers].flat();
    const req = request({ host: "127.0.0.1", port, path, method: "POST", headers: [...flat, "Content-Length", String(body.length)] as any }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("FC 3.0 HTTP trigger", () => {
  it("hands the function a Buffer holding the exact v1 event", async () => {
    const res = await rawPost(
      "/fc/probe-a/some/path?SdkAppid=1400&x=1&x=2&time=2026-11-21%2012%3A00%3A00",
      [
        ["Content-Type", "application/json"],
        ["X-Custom-Header", "one"],
        ["x-custom-header", "two"],
        ["Sud-AppId", "42"],
      ],
      Buffer.from('{"a":1}'),
    );
    expect(res.status).toBe(200);
    expect(res.headers["x-probe"]).toBe("yes");
    expect(res.headers["x-fc-request-id"]).toBeTruthy();
    const { isBuffer, event, context } = JSON.parse(res.body);
    expect(isBuffer).toBe(true);
    expect(keysOf(event)).toEqual(keysOf(vendorEvent));
    expect(keysOf(event.requestContext)).toEqual(keysOf(vendorEvent.requestContext));
    expect(keysOf(event.requestContext.http)).toEqual(keysOf(vendorEvent.requestContext.http));
    expect(event).toMatchObject({
      version: "v1",
      rawPath: "/some/path",
      body: '{"a":1}',
      isBase64Encoded: false,
      queryParameters: { SdkAppid: "1400", x: "1,2", time: "2026-11-21 12:00:00" },
      requestContext: { accountId: "1234567890123456", http: { method: "POST", path: "/some/path", protocol: "HTTP/1.1", sourceIp: "127.0.0.1" } },
    });
    // Names as sent, repeats comma-joined under the first spelling.
    expect(event.headers).toMatchObject({ "Content-Type": "application/json", "X-Custom-Header": "one,two", "Sud-AppId": "42" });
    expect(typeof event.requestContext.timeEpoch).toBe("string");
    expect(event.requestContext.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(context).toMatchObject({ requestId: event.requestContext.requestId, region: "cn-shanghai", function: { name: "probe-a-fn", timeout: 1, memory: 128 } });
  });

  it("sends a body that is not UTF-8 as base64", async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
    const res = await rawPost("/fc/probe-a", [["Content-Type", "application/octet-stream"]], bytes);
    const { event } = JSON.parse(res.body);
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, "base64")).toEqual(bytes);
  });

  it("gives each function its own environment from s.yaml, and its own module state", async () => {
    const a = JSON.parse((await rawPost("/fc/probe-a", [], Buffer.alloc(0))).body);
    const b = JSON.parse((await rawPost("/fc/probe-b", [], Buffer.alloc(0))).body);
    expect(a.env).toEqual({ PROBE_NAME: "a", PROBE_SECRET: "probe-secret-value", FC_FUNCTION_NAME: "probe-a-fn" });
    expect(b.env).toEqual({ PROBE_NAME: "b", FC_FUNCTION_NAME: "probe-b" });
    // Nothing of the emulator's own process.env (HOME) reaches a function.
    expect(a.env.HOME).toBeUndefined();
    expect([a.touchedBy, b.touchedBy]).toEqual(["a", "b"]);
    expect(b.calls).toBe(1);
  });

  it("stops a function at its timeout, answers FC's error, and cold-starts the next request", async () => {
    // The function would wait forever for a file that never appears: only the timeout can answer.
    const slow = await rawPost(`/fc/probe-b?until=${encodeURIComponent(join(project.root, "never"))}`, [], Buffer.alloc(0));
    expect(slow.status).toBe(502);
    expect(slow.headers["x-fc-error-type"]).toBe("UnhandledInvocationError");
    expect(JSON.parse(slow.body).errorMessage).toMatch(/timed out after 1 seconds/);
    const next = JSON.parse((await rawPost("/fc/probe-b", [], Buffer.alloc(0))).body);
    expect(next.calls).toBe(1);
    expect(await logLine(em, /probe-b .*timed out/)).toBeTruthy();
  });

  it("reports a thrown error as FC does, and keeps serving", async () => {
    const res = await rawPost("/fc/probe-a?throw=1", [], Buffer.alloc(0));
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body)).toMatchObject({ errorType: "TypeError", errorMessage: "probe was asked to throw" });
    expect((await rawPost("/fc/probe-a", [], Buffer.alloc(0))).status).toBe(200);
  });

  it("loads a rebuilt bundle at the next request", async () => {
    const file = join(project.root, "dist", "probe-b", "index.js");
    writeFileSync(file, PROBE_SOURCE.replace('version: "v1"', 'version: "v2"'));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(JSON.parse((await rawPost("/fc/probe-b", [], Buffer.alloc(0))).body).version).toBe("v2");
  });
});

describe("AWS HTTP API (payload 2.0)", () => {
  it("hands the function the v2 event object and a Lambda context", async () => {
    const res = await rawPost(
      "/probe?a=1&a=2&b=%20x",
      [
        ["X-Mixed-Case", "v"],
        ["Cookie", "s=1; t=2"],
      ],
      Buffer.from("hello"),
    );
    expect(res.status).toBe(200);
    expect(res.headers["apigw-requestid"]).toBeTruthy();
    const { isBuffer, event, context, env } = JSON.parse(res.body);
    expect(isBuffer).toBe(false);
    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "POST /probe",
      rawPath: "/probe",
      rawQueryString: "a=1&a=2&b=%20x",
      queryStringParameters: { a: "1,2", b: " x" },
      cookies: ["s=1", "t=2"],
      body: "hello",
      isBase64Encoded: false,
      requestContext: { routeKey: "POST /probe", stage: "$default", http: { method: "POST", path: "/probe", sourceIp: "127.0.0.1" } },
    });
    expect(event.headers["x-mixed-case"]).toBe("v");
    expect(event.headers.cookie).toBeUndefined();
    expect(typeof event.requestContext.timeEpoch).toBe("number");
    expect(context).toMatchObject({ functionName: "probe-dev-probe-a", awsRequestId: event.requestContext.requestId });
    expect(context.getRemainingTimeInMillis).toBeGreaterThan(0);
    expect(env).toMatchObject({ PROBE_NAME: "aws-a", PROBE_SECRET: "probe-secret-value", AWS_LAMBDA_FUNCTION_NAME: "probe-dev-probe-a" });
  });

  it("matches path parameters and methods as declared", async () => {
    const res = await fetch(`${em.url}/items/42`);
    const { event } = JSON.parse(await res.text());
    expect(event).toMatchObject({ routeKey: "GET /items/{id}", pathParameters: { id: "42" } });
    expect((await fetch(`${em.url}/items/42`, { method: "DELETE" })).status).toBe(404);
  });

  it("is a separate instance from the same bundle's FC function", async () => {
    const { touchedBy } = JSON.parse(await (await fetch(`${em.url}/probe`, { method: "POST" })).text());
    expect(touchedBy).toBe("aws-a");
  });

  it("answers 500 as API Gateway does when the function throws", async () => {
    const res = await fetch(`${em.url}/probe?throw=1`, { method: "POST" });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: "Internal Server Error" });
  });
});
