import { createHash } from "node:crypto";
import { validateHeaderValue } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryDedupeStore } from "../../shared/delivery/dedupe/memory";
import { createProcessor } from "../../shared/function";
import { toInbound } from "../helpers/events";
import { FUNCTION_SPECS } from "../helpers/functions";
import { ENV } from "../helpers/harness";
import { sudCall, sudEnvelope } from "../helpers/requests";
import { type Backend, FORWARD_SECRET, startBackend } from "../redis/helpers/backend";

/** Ids no HTTP header can carry as they are; each is a valid SUD notify_id. */
const UNSENDABLE: Record<string, string> = {
  cjk: "订单-北京-１２３",
  newline: "line\r\nx-injected: 1",
  nul: "nul\u0000byte",
  "100 KB": "x".repeat(100_000),
  "lone surrogate": "half-\ud800-pair",
  "trailing space": "spaced ",
};

describe("every valid id can be forwarded; webhook-id is a header-safe form of it the backend can de-duplicate on", () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await startBackend();
  });
  afterAll(() => backend.close());

  /** A fresh processor each time: a second send is a new delivery of the same event, as after a cold start. */
  const send = async (notifyId: string) => {
    const processor = createProcessor(FUNCTION_SPECS["sud-notify"], {
      env: { ...ENV.sud, FORWARD_URL: backend.url, FORWARD_SECRET },
      log: () => {},
      dedupe: new MemoryDedupeStore(),
    });
    const answer = await processor(toInbound(sudCall({ body: sudEnvelope("sud.mg.merchant.x", { k: notifyId.length }, notifyId), now: Date.now() }), Date.now()));
    return { answer, received: backend.received.at(-1)! };
  };

  for (const [kind, id] of Object.entries(UNSENDABLE)) {
    it(`${kind}: delivered and verified; the body keeps the real id; the header is sud:sha256:<hex of its UTF-8>`, async () => {
      const first = await send(id);
      expect(first.answer.status).toBe(200);
      expect(first.received.verified).toBe(true);
      expect(first.received.body.id).toBe(id);
      expect(() => validateHeaderValue("webhook-id", first.received.id)).not.toThrow();
      if (!id.includes("\ud800")) expect(first.received.id).toBe(`sud:sha256:${createHash("sha256").update(id, "utf8").digest("hex")}`);

      const again = await send(id);
      expect(again.answer.status).toBe(200);
      expect(again.received.id).toBe(first.received.id);
    });
  }

  it("readable ids go as they are, and different ids never share a header value", async () => {
    const readable = await send("order-42:a%3Ab");
    expect(readable.received.id).toBe("sud:order-42:a%3Ab");
    const seen = new Set([readable.received.id]);
    for (const id of [...Object.values(UNSENDABLE), "sha256:0000", "\ud800", "\ufffd"]) seen.add((await send(id)).received.id);
    expect(seen.size).toBe(Object.keys(UNSENDABLE).length + 4);
  });
});
