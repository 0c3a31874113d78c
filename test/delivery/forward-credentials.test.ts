import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../shared/core/config";
import { MemoryDedupeStore } from "../../shared/delivery/dedupe/memory";
import { loadDeliverySettings } from "../../shared/delivery/settings";
import { createProcessor } from "../../shared/function";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { startLoopback } from "../helpers/loopback";
import { sudCall, sudEnvelope } from "../helpers/requests";
import { type Backend, FORWARD_SECRET, startBackend } from "../redis/helpers/backend";
import { captureLog } from "../redis/helpers/capture";

// "hook user" / "p@ss:wörd", percent-encoded in the URL as a user would write them.
const USERINFO = "hook%20user:p%40ss%3Aw%C3%B6rd";
const USER = "hook user";
const PASSWORD = "p@ss:wörd";
const BASIC = Buffer.from(`${USER}:${PASSWORD}`, "utf8").toString("base64");
/** Every form the credentials could leak in. */
const LEAKS = [USERINFO, "hook%20user", "p%40ss", "p@ss", "wörd", "w%C3%B6rd", BASIC];

describe("a FORWARD_URL with user:password@ authenticates with HTTP Basic and never shows the credentials", () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await startBackend();
  });
  afterAll(() => backend.close());

  const withCredentials = (url: string) => url.replace("http://", `http://${USERINFO}@`);
  const send = async (forwardUrl: string, notifyId: string) => {
    const logs = captureLog();
    const processor = createProcessor(FUNCTION_SPECS["sud-notify"], {
      env: { ...ENV.sud, FORWARD_URL: forwardUrl, FORWARD_SECRET },
      log: logs.log,
      dedupe: new MemoryDedupeStore(),
    });
    const answer = await processor(toInbound(sudCall({ body: sudEnvelope("sud.mg.merchant.x", {}, notifyId), now: Date.now() }), Date.now()));
    return { answer, logs };
  };

  it("the backend gets Authorization: Basic with the decoded user and password, at the URL without them", async () => {
    backend.behave(() => ({ status: 204 }));
    const { answer } = await send(withCredentials(`${backend.url}?tenant=a`), "basic-1");
    expect(answer.status).toBe(200);
    const got = backend.received.at(-1)!;
    expect(got.verified).toBe(true);
    expect(got.headers.authorization).toBe(`Basic ${BASIC}`);
    expect(got.path).toBe("/events?tenant=a");
    expect(got.headers.host).toBe(new URL(backend.url).host);
  });

  it("a failing or unreachable backend: the reason is precise and no log line, answer or dead letter holds the credentials", async () => {
    backend.behave(() => ({ status: 500 }));
    const failing = await send(withCredentials(backend.url), "basic-500");
    expect(JSON.parse(failing.answer.body).ret_msg).toBe("delivery_failed: delivery failed: forward: FORWARD_URL answered HTTP 500");

    const closed = await startLoopback();
    const closedUrl = `${closed.origin}/events`;
    await closed.close();
    const unreachable = await send(withCredentials(closedUrl), "basic-refused");
    expect(JSON.parse(unreachable.answer.body).ret_msg).toBe("delivery_failed: delivery failed: forward: FORWARD_URL could not be reached (ECONNREFUSED)");

    for (const { answer, logs } of [failing, unreachable]) {
      expect(logs.lines.some((l) => l.message === "dead letter")).toBe(true);
      for (const leak of LEAKS) {
        expect(logs.text()).not.toContain(leak);
        expect(answer.body).not.toContain(leak);
      }
    }
  });

  it("settings keep the URL without credentials; credentials Basic cannot carry are refused, naming only the variable", () => {
    const forward = loadDeliverySettings({ FORWARD_URL: "https://u:p@backend.example/hooks", FORWARD_SECRET })?.forward;
    expect(forward?.url.href).toBe("https://backend.example/hooks");
    expect(forward?.authorization).toBe(`Basic ${Buffer.from("u:p").toString("base64")}`);
    expect(loadDeliverySettings({ FORWARD_URL: "https://backend.example/hooks", FORWARD_SECRET }).forward?.authorization).toBeUndefined();

    // A ':' in the user name (RFC 7617 forbids it) and broken percent-encoding.
    const refused = ["us%3Aer:secret-pw", "user:secret%zz-pw", "us%E0r:secret-pw"].map((userinfo) => `https://${userinfo}@backend.example/`);
    for (const url of refused) {
      let thrown: unknown;
      try {
        loadDeliverySettings({ FORWARD_URL: url, FORWARD_SECRET });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, url).toBeInstanceOf(ConfigError);
      expect((thrown as Error).message).toMatch(/^FORWARD_URL/);
      expect((thrown as Error).message).not.toMatch(/secret|us%|user/);
    }
  });
});
