import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryDedupeStore } from "../../shared/delivery/dedupe/memory";
import { createProcessor } from "../../shared/function";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { type Loopback, startLoopback } from "../helpers/loopback";
import { sudCall, sudEnvelope } from "../helpers/requests";
import { type Backend, FORWARD_SECRET, startBackend } from "../redis/helpers/backend";
import { captureLog } from "../redis/helpers/capture";

describe("forwarding never follows a redirect: the event goes to FORWARD_URL or is kept as a dead letter", () => {
  let backend: Backend;
  /** Where the redirects point: it must never see a request. */
  let elsewhere: Loopback;
  beforeAll(async () => {
    [backend, elsewhere] = await Promise.all([startBackend(), startLoopback()]);
  });
  afterAll(() => Promise.all([backend.close(), elsewhere.close()]));

  const send = async (notifyId: string) => {
    const logs = captureLog();
    const processor = createProcessor(FUNCTION_SPECS["sud-notify"], {
      env: { ...ENV.sud, FORWARD_URL: backend.url, FORWARD_SECRET },
      log: logs.log,
      dedupe: new MemoryDedupeStore(),
    });
    const answer = await processor(toInbound(sudCall({ body: sudEnvelope("sud.mg.merchant.x", { n: 1 }, notifyId), now: Date.now() }), Date.now()));
    const letter = logs.lines.find((l) => l.message === "dead letter")?.fields?.deadLetter as { message: string; event: { id: string } } | undefined;
    return { answer, letter, logs };
  };

  const failed = (status: number) => `delivery failed: forward: FORWARD_URL answered HTTP ${status} (redirects are not followed)`;

  for (const status of [301, 302, 303, 307, 308]) {
    it(`HTTP ${status}: a failed delivery, dead-lettered with the Location; the answer names the status only`, async () => {
      const location = `${elsewhere.origin}/internal/stolen-${status}`;
      backend.behave(() => ({ status, headers: { location } }));
      const { answer, letter, logs } = await send(`redirect-${status}`);

      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.body).ret_msg).toBe(`delivery_failed: ${failed(status)}`);
      expect(answer.body).not.toContain("stolen");
      expect(letter?.event.id).toBe(`redirect-${status}`);
      expect(letter?.message).toBe(`${failed(status)}, Location ${location}`);
      expect(logs.lines.find((l) => l.message === "callback not delivered")?.fields?.detail).toBe(letter?.message);
      expect(elsewhere.requests).toEqual([]);
    });
  }

  it("a 3xx without Location fails the same way; credentials in a Location are left out of the dead letter", async () => {
    backend.behave(() => ({ status: 300 }));
    const bare = await send("redirect-300");
    expect(bare.answer.status).toBe(503);
    expect(bare.letter?.message).toBe(`${failed(300)}, no Location`);

    backend.behave(() => ({ status: 307, headers: { location: `http://admin:s3cr3t-pass@${elsewhere.origin.slice("http://".length)}/x` } }));
    const withCredentials = await send("redirect-creds");
    expect(withCredentials.answer.status).toBe(503);
    expect(withCredentials.letter?.message).toBe(`${failed(307)}, Location ${elsewhere.origin}/x`);
    expect(withCredentials.logs.text()).not.toMatch(/s3cr3t-pass|admin/);

    backend.behave(() => ({ status: 308, headers: { location: "/relative/path" } }));
    const relative = await send("redirect-relative");
    expect(relative.letter?.message).toBe(`${failed(308)}, Location ${new URL(backend.url).origin}/relative/path`);
    expect(elsewhere.requests).toEqual([]);
  });
});
