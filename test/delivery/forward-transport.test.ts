import { afterEach, describe, expect, it } from "vitest";
import { MemoryDedupeStore } from "../../shared/delivery/dedupe/memory";
import { createProcessor } from "../../shared/function";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { type Loopback, startLoopback } from "../helpers/loopback";
import { sudCall, sudEnvelope } from "../helpers/requests";
import { FORWARD_SECRET } from "../redis/helpers/backend";

/** One processor (one warm instance: one connection pool) forwarding to `url`. */
const instance = (url: string) => {
  const processor = createProcessor(FUNCTION_SPECS["sud-notify"], {
    env: { ...ENV.sud, FORWARD_URL: url, FORWARD_SECRET },
    log: () => {},
    dedupe: new MemoryDedupeStore(),
  });
  return async (notifyId: string, deadlineAt?: number) => {
    const receivedAt = Date.now();
    const answer = await processor(toInbound(sudCall({ body: sudEnvelope("sud.mg.merchant.x", {}, notifyId), now: receivedAt }), receivedAt, { deadlineAt }));
    return { status: answer.status, message: String(JSON.parse(answer.body).ret_msg) };
  };
};

describe("the forward's HTTP client: bounded keep-alive connections, precise failures", () => {
  let servers: Loopback[] = [];
  const serve = async (...args: Parameters<typeof startLoopback>) => {
    const server = await startLoopback(...args);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });

  it("at most 16 connections per instance however many events at once; a drained 2xx answer frees its connection for the next", async () => {
    // Holds every answer until 16 requests wait, so an unbounded client would open a connection per event.
    const held: Array<() => void> = [];
    let released = false;
    const backend = await serve((req, res) => {
      req.resume();
      const answer = () => res.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(256 * 1024));
      if (released) return answer();
      held.push(answer);
      if (held.length < 16) return;
      released = true;
      for (const release of held.splice(0)) release();
    });
    const send = instance(`${backend.origin}/events`);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => send(`many-${i}`)));
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
    expect(backend.requests).toHaveLength(40);
    expect(backend.connections()).toBeLessThanOrEqual(16);
    const before = backend.connections();
    expect((await send("one-more")).status).toBe(200);
    expect(backend.connections()).toBe(before);
  });

  it("an event still waiting for a connection at its deadline fails in time and is never sent later", async () => {
    const held: Array<() => void> = [];
    const ids: string[] = [];
    let holding = true;
    let heldAll!: () => void;
    const sixteen = new Promise<void>((resolve) => (heldAll = resolve));
    const backend = await serve((req, res) => {
      req.resume();
      ids.push(String(req.headers["webhook-id"]));
      if (!holding) return void res.end();
      held.push(() => res.end());
      if (held.length === 16) heldAll();
    });
    const send = instance(`${backend.origin}/events`);
    const busy = Array.from({ length: 16 }, (_, i) => send(`busy-${i}`));
    await sixteen;
    const late = await send("queued-late", Date.now() + 600);
    expect(late).toEqual({ status: 503, message: expect.stringMatching(/forward: (FORWARD_URL did not answer in time|not finished within \d+ ms)/) });
    holding = false;
    for (const release of held.splice(0)) release();
    expect((await Promise.all(busy)).map((a) => a.status)).toEqual(Array(16).fill(200));
    // Connections are handed out in order: once a later event arrived, the late one never will.
    expect((await send("after-late")).status).toBe(200);
    expect(ids).toContain("sud:after-late");
    expect(ids).not.toContain("sud:queued-late");
  });

  it("a kept-alive connection the backend dropped meanwhile is retried once on a new one", async () => {
    const seen = new WeakSet<object>();
    const backend = await serve((req, res) => {
      // The first request on each connection is answered; a later one finds the connection "closed".
      if (seen.has(req.socket)) return void req.socket.destroy();
      seen.add(req.socket);
      req.resume();
      res.end();
    });
    const send = instance(`${backend.origin}/events`);
    expect((await send("stale-1")).status).toBe(200);
    expect((await send("stale-2")).status).toBe(200);
    expect(backend.connections()).toBe(2);
  });

  it("a backend that drops a fresh connection, or answers with something that is not HTTP, is named for what it did", async () => {
    const dropping = await serve((req) => void req.socket.destroy());
    const dropped = await instance(`${dropping.origin}/events`)("drop-1");
    expect(dropped).toEqual({
      status: 503,
      message: "delivery_failed: delivery failed: forward: FORWARD_URL closed the connection without answering (ECONNRESET)",
    });

    const garbage = await serve((req) => void req.socket.end("SSH-2.0-OpenSSH_9.6\r\n\r\n"));
    const notHttp = await instance(`${garbage.origin}/events`)("garbage-1");
    expect(notHttp.message).toMatch(/^delivery_failed: delivery failed: forward: FORWARD_URL did not answer in HTTP \(HPE_[A-Z_]+\)$/);
  });

  it("at the deadline the request is destroyed: the backend sees its connection close", async () => {
    let closed!: Promise<void>;
    const silent = await serve((req) => {
      closed = new Promise((resolve) => req.socket.once("close", () => resolve()));
    });
    const answer = await instance(`${silent.origin}/events`)("silent-1", Date.now() + 700);
    expect(answer.status).toBe(503);
    expect(answer.message).toMatch(/forward: (FORWARD_URL did not answer in time|not finished within \d+ ms)/);
    await closed;
    expect(silent.requests).toHaveLength(1);
  });
});
