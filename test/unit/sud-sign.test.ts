import { describe, expect, it } from "vitest";
import { sudSignature, verifySudSignature } from "../../shared/platforms/sud/sign";
import { sudSign as independentSudSign } from "../helpers/sign";

// PLATFORMS.md §3: the exact body bytes, with its odd spacing, are what SUD signs.
const VECTOR = {
  appId: "1461564080052506636",
  timestamp: "146634788974",
  nonce: "keVJLJTItd1VBtGT",
  secret: "test_app_secret",
  body: `{"app_id": "1461564080052506238","mg_id": "1461227817776713818","room_id": "9009","round_id": "ce56b6lzi1a7-cehorlmy01pq-ckmfkba10iv7","currency_amount": "2", "timestamp": 1654079242000}`,
  signature: "67d4d5dad2261e8b027b65054c39e98015817296",
  withoutFinalNewline: "c776c1e9de2e1786dd68bf57ded6ef64b71216d3",
};
const body = Buffer.from(VECTOR.body, "utf8");
const verify = (signature: string, secrets = [VECTOR.secret], bytes = body) => verifySudSignature(secrets, VECTOR.appId, VECTOR.timestamp, VECTOR.nonce, bytes, signature);

describe("SUD Sud-Signature = HMAC-SHA1(appId\\ntimestamp\\nnonce\\nbody\\n)", () => {
  it("matches the PLATFORMS.md test vector (with the final \\n)", () => {
    expect(sudSignature(VECTOR.secret, VECTOR.appId, VECTOR.timestamp, VECTOR.nonce, body)).toBe(VECTOR.signature);
    expect(verify(VECTOR.signature)).toBe(true);
  });

  it("the test helper's independent implementation matches the same vector", () => {
    expect(independentSudSign(VECTOR.secret, VECTOR.appId, VECTOR.timestamp, VECTOR.nonce, VECTOR.body)).toBe(VECTOR.signature);
  });

  it("does NOT accept the signature computed without the final \\n (SUD's broken samples)", () => {
    expect(verify(VECTOR.withoutFinalNewline)).toBe(false);
  });

  it("does not verify once the body is re-serialised (JSON.parse + JSON.stringify changes the bytes)", () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(VECTOR.body)), "utf8");
    expect(reserialised.equals(body)).toBe(false);
    expect(verify(VECTOR.signature, [VECTOR.secret], reserialised)).toBe(false);
  });

  it("refuses another secret, another nonce, and an empty or truncated signature", () => {
    expect(verify(VECTOR.signature, ["other_secret"])).toBe(false);
    expect(verifySudSignature([VECTOR.secret], VECTOR.appId, VECTOR.timestamp, "other-nonce", body, VECTOR.signature)).toBe(false);
    expect(verify("")).toBe(false);
    expect(verify(VECTOR.signature.slice(0, 39))).toBe(false);
  });

  it("accepts a signature in upper-case hex", () => {
    expect(verify(VECTOR.signature.toUpperCase())).toBe(true);
  });

  it("accepts a signature made with any secret of a rotation list, and none made with a retired one", () => {
    const secrets = ["previous_secret", VECTOR.secret];
    expect(verify(VECTOR.signature, secrets)).toBe(true);
    const byPrevious = sudSignature("previous_secret", VECTOR.appId, VECTOR.timestamp, VECTOR.nonce, body);
    expect(verify(byPrevious, secrets)).toBe(true);
    const byRetired = sudSignature("retired_secret", VECTOR.appId, VECTOR.timestamp, VECTOR.nonce, body);
    expect(verify(byRetired, secrets)).toBe(false);
  });
});
