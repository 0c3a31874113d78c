import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Env } from "../../shared/core/config";
import type { InboundRequest } from "../../shared/core/inbound";
import { silentLogger } from "../../shared/core/log";
import { storeRequest } from "../../shared/delivery/dead-letter/record";
import { deliveryFromEnv } from "../../shared/delivery/from-env";
import { topSignedHeaders } from "../../shared/platforms/yuanjing/sign";
import { replay } from "../../scripts/replay/replay";
import { toInbound } from "../helpers/events";
import { fixtureText } from "../helpers/fixtures";
import { ENV } from "../helpers/harness";
import { LETTER_KEY, lettersFrom, memorySource } from "../helpers/letters";
import { TOP_SECRET, topCall } from "../helpers/requests";

/**
 * The rule, stated independently of the code: these names, and any name containing one of these
 * words, are credentials. Whatever a sign list names, their values never reach a dead letter.
 */
const CREDENTIAL_NAMES = [
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "x-auth-token",
  "x-amz-security-token",
  "x-acs-security-token",
  "x-fc-security-token",
];
const CREDENTIAL_WORDS = ["token", "secret", "password", "passwd", "api-key", "apikey", "api_key", "session", "cookie", "credential", "auth"];
const isCredential = (name: string) => CREDENTIAL_NAMES.includes(name) || CREDENTIAL_WORDS.some((word) => name.includes(word));

// Names a caller could list: known credentials in any case, credential words inside other names, and harmless ones.
const credentialName = fc.oneof(
  fc.constantFrom(...CREDENTIAL_NAMES),
  fc.tuple(fc.constantFrom("x-", "x-ca-", "my-", ""), fc.constantFrom(...CREDENTIAL_WORDS), fc.constantFrom("", "-id", "-value", "s")).map((p) => p.join("")),
);
const harmlessName = fc.constantFrom("x-ca-nonce", "x-ca-timestamp", "x-request-id", "date", "user-agent", "x-trace", "content-md5", "x-ca-key-id");
const anyName = fc.stringMatching(/^[a-z][a-z0-9_-]{0,15}$/);
const casing = (name: string) =>
  fc.constantFrom(
    name,
    name.toUpperCase(),
    name.replace(/(^|-)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase()),
  );
const listedName = fc.oneof(credentialName, harmlessName, anyName).chain(casing);

describe("credential headers never reach a dead letter, whatever a sign list names", () => {
  it("property: no credential header's value appears in the stored request; the others are kept; the left-out names are noted", () => {
    fc.assert(
      fc.property(fc.uniqueArray(listedName, { minLength: 1, maxLength: 10, selector: (n) => n.toLowerCase() }), fc.boolean(), (names, sendCookie) => {
        const headers: Record<string, string> = { "content-type": "application/json", "top-sign-list": names.join(",") };
        const values = new Map<string, string>();
        names.forEach((name, i) => {
          const value = `value-${i}-${"Q".repeat(8)}-${name.length}`;
          headers[name.toLowerCase()] = value;
          values.set(name.toLowerCase(), value);
        });
        // Credentials the list does not name are never kept either.
        if (sendCookie) headers.cookie ??= "sid=unlisted-cookie-value";
        const req: InboundRequest = { transport: "http", method: "POST", path: "/", query: {}, headers, body: Buffer.from("{}"), receivedAt: 1 };

        const stored = storeRequest(req, topSignedHeaders(req));
        const text = JSON.stringify(stored);
        const credentials = [...values.keys()].filter(isCredential);
        for (const name of credentials) expect(text, name).not.toContain(values.get(name)!);
        expect(text).not.toContain("unlisted-cookie-value");
        for (const [name, value] of values) if (!isCredential(name)) expect(stored.headers[name], name).toBe(value);
        expect([...(stored.omittedHeaders ?? [])].sort()).toEqual([...credentials].sort());
      }),
      { numRuns: 300 },
    );
  });

  it("a TOP call that signs authorization, cookie and an API key: the letter keeps none of them, and replay says why it cannot verify", async () => {
    const at = Date.now();
    const credentials = { authorization: "Bearer gw-SECRET-bearer", cookie: "sid=SECRET-cookie", "x-api-key": "SECRET-api-key" };
    const call = topCall({ body: fixtureText("yuanjing", "session-lifecycle"), secret: TOP_SECRET, at, signedHeaders: { ...credentials, "x-ca-nonce": "n-1" } });
    const env: Env = { ...ENV.yuanjing, DEAD_LETTER_KEY: LETTER_KEY };
    const { letters, logText } = await lettersFrom("yuanjing-session-lifecycle", env, [toInbound(call, at)]);
    expect(letters).toHaveLength(1);
    const letter = letters[0]!;
    for (const value of Object.values(credentials)) {
      expect(JSON.stringify(letter)).not.toContain(value);
      expect(logText).not.toContain(value);
    }
    expect(letter.request.headers).toMatchObject({ "top-sign-list": "authorization,cookie,x-api-key,x-ca-nonce", "x-ca-nonce": "n-1" });
    expect(letter.request.omittedHeaders).toEqual(["authorization", "cookie", "x-api-key"]);

    const source = memorySource(letters);
    const [result] = await replay(source.stored, { env, log: silentLogger, delivery: deliveryFromEnv(env, silentLogger), source });
    expect(result).toMatchObject({ status: "failed" });
    expect(result!.detail).toMatch(/^signature_invalid: .*left out the credential headers authorization, cookie, x-api-key/);
  });
});
