import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeWebhookSecret, webhookSignature } from "../../shared/delivery/forward/sign";

describe("Standard Webhooks signing of forwarded events", () => {
  it("matches the spec's published test vector", () => {
    // From the Standard Webhooks reference libraries' tests.
    const key = decodeWebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")!;
    expect(webhookSignature([key], "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("signs with every secret during a rotation, space-separated", () => {
    const a = Buffer.alloc(24, 1);
    const b = Buffer.alloc(32, 2);
    const expected = (key: Buffer) => createHmac("sha256", key).update("id.5.{}").digest("base64");
    expect(webhookSignature([a, b], "id", 5, "{}")).toBe(`v1,${expected(a)} v1,${expected(b)}`);
  });

  it("reads only the whsec_<base64> form", () => {
    expect(decodeWebhookSecret(`whsec_${Buffer.alloc(24, 9).toString("base64")}`)).toEqual(Buffer.alloc(24, 9));
    for (const bad of ["", "whsec_", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_not base64!", "whsec_abc"]) {
      expect(decodeWebhookSecret(bad)).toBeUndefined();
    }
  });
});
