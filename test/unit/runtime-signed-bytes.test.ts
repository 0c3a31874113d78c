import { describe, expect, it } from "vitest";
import { fcHttpBuffer, fcHttpEvent, lambdaHttpEvent } from "../helpers/events";
import { harness } from "../helpers/harness";
import { sudCall, TOP_SECRET, topCall } from "../helpers/requests";

// Odd spacing, a key order and an escape that JSON.stringify would not reproduce: only the exact bytes verify.
const ODD_BODY =
  '{ "notify_id" : "n-odd-1",\n  "notify_time":"1647834452408", "app_id":"1461564080052506636",\t"notify_event" : "sud.mg.merchant.other",' +
  ' "data" : { "mg_id" : 1468180338417074177 , "note":"caf\\u00e9" } }\n';

describe("signatures are checked over the exact bytes received, on every runtime", () => {
  const signed = sudCall({ body: ODD_BODY });

  it("the body really does not survive a JSON round trip (so re-serialising would break the signature)", () => {
    expect(JSON.stringify(JSON.parse(ODD_BODY))).not.toBe(ODD_BODY);
  });

  const deliveries: Array<[string, (h: ReturnType<typeof harness>) => Promise<unknown>]> = [
    ["FC HTTP trigger, base64 body", (h) => h.handler(fcHttpBuffer(signed, { base64: true }))],
    ["FC HTTP trigger, plain body", (h) => h.handler(fcHttpBuffer(signed, { base64: false }))],
    [
      "FC HTTP trigger, base64 wrapped with line breaks and spaces",
      (h) => {
        const event = fcHttpEvent(signed, { base64: true });
        return h.handler(Buffer.from(JSON.stringify({ ...event, body: event.body.replace(/(.{24})/g, "$1\n  ") })));
      },
    ],
    ["Lambda HTTP API v2, plain body", (h) => h.handler(lambdaHttpEvent(signed))],
    ["Lambda Function URL, base64 body", (h) => h.handler(lambdaHttpEvent(signed, { base64: true }))],
  ];

  for (const [name, send] of deliveries) {
    it(`SUD HMAC verifies: ${name}`, async () => {
      const h = harness("sud-notify");
      const result = (await send(h)) as { statusCode: number; body: string };
      expect(JSON.parse(result.body)).toEqual({ ret_code: 0, ret_msg: "SUCCESS" });
      expect(result.statusCode).toBe(200);
      expect(h.delivered).toHaveLength(1);
      expect(h.delivered[0]!.data).toEqual({ mg_id: "1468180338417074177", note: "café" });
    });
  }

  it("a single changed space in the body is refused with 401", async () => {
    const h = harness("sud-notify");
    const tampered = { ...signed, body: Buffer.from(ODD_BODY.replace(" }", "}")) };
    const result = (await h.handler(fcHttpBuffer(tampered))) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body).ret_code).toBe(401);
    expect(h.delivered).toHaveLength(0);
  });

  it("TOP MD5 verifies over a base64 FC body with the same odd spacing", async () => {
    const body =
      '{ "request_param" : {"action":"SESSION_STATE_MESSAGE", "message_type":"DISPATCHED","project_id":"p1","account_id":"a1","game_session_id":"gs1","game_id":"g1","time":1678798993} }';
    const h = harness("yuanjing-session-lifecycle");
    const result = (await h.handler(fcHttpBuffer(topCall({ body, secret: TOP_SECRET, at: h.clock.now() })))) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).result.code).toBe("0");
  });
});
