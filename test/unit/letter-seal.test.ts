import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeadLetter } from "../../shared/delivery/dead-letter/record";
import { canonicalJson, checkLetter, decodeLetterKey, sealLetter } from "../../shared/delivery/dead-letter/seal";
import { toJson } from "../../shared/delivery/wire";

const KEY = Buffer.alloc(32, 1);
const OTHER = Buffer.alloc(32, 2);

/** Letters with any JSON in their event (large integers as the parser keeps them, any text) and any request fields. */
const letterArb: fc.Arbitrary<DeadLetter> = fc.record({
  kind: fc.constantFrom("undelivered" as const, "quarantined" as const),
  reason: fc.constantFrom("delivery_failed" as const, "invalid" as const),
  message: fc.string(),
  at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  attempts: fc.nat(),
  platform: fc.constantFrom("sud" as const, "tencent-live" as const, "yuanjing" as const),
  function: fc.option(fc.string(), { nil: undefined }),
  callback: fc.option(fc.string(), { nil: undefined }),
  event: fc.option(
    fc.record({
      id: fc.string(),
      platform: fc.constant("sud" as const),
      callback: fc.string(),
      known: fc.boolean(),
      eventTime: fc.integer(),
      receivedAt: fc.integer(),
      data: fc.oneof(
        fc.jsonValue(),
        fc.bigInt().map((n) => ({ big: n })),
      ),
      raw: fc.jsonValue(),
    }),
    { nil: undefined },
  ),
  request: fc.record({
    transport: fc.constantFrom("http" as const, "invoke" as const),
    method: fc.string(),
    path: fc.string(),
    query: fc.dictionary(fc.string(), fc.string()),
    headers: fc.dictionary(fc.string(), fc.string()),
    body: fc.base64String(),
    receivedAt: fc.integer(),
    requestId: fc.option(fc.string(), { nil: undefined }),
  }),
}) as fc.Arbitrary<DeadLetter>;

/** As a store keeps it and replay reads it back. */
const stored = (letter: DeadLetter) => JSON.parse(toJson(letter)) as DeadLetter;

function canonical(value: unknown): string {
  let text = "";
  canonicalJson(value, (piece) => void (text += piece));
  return text;
}

/** The same value with every object's keys in reverse order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reordered(v)]),
    );
  return value;
}

describe("the dead letter MAC", () => {
  it("property: a sealed letter verifies after being stored and read back, in any key order; under another key it does not", () => {
    fc.assert(
      fc.property(letterArb, (letter) => {
        const kept = stored(sealLetter(letter, [KEY]));
        expect(kept.mac).toMatch(/^v1,/);
        expect(checkLetter(kept, [KEY])).toBe("verified");
        expect(checkLetter(reordered(kept) as DeadLetter, [KEY])).toBe("verified");
        expect(checkLetter(kept, [OTHER, KEY])).toBe("verified");
        expect(checkLetter(kept, [OTHER])).toBe("mismatch");
      }),
      { numRuns: 300 },
    );
  });

  it("property: two different letters never share a MAC; a letter's MAC on another is a mismatch", () => {
    fc.assert(
      fc.property(letterArb, letterArb, (a, b) => {
        const sa = stored(sealLetter(a, [KEY]));
        const sb = stored(sealLetter(b, [KEY]));
        fc.pre(canonical({ ...sa, mac: undefined }) !== canonical({ ...sb, mac: undefined }));
        expect(checkLetter({ ...sb, mac: sa.mac }, [KEY])).toBe("mismatch");
      }),
      { numRuns: 200 },
    );
  });

  it("covers what JSON cannot tell apart only once: an undefined field and a missing one are the same letter", () => {
    const letter = stored(sealLetter({ kind: "undelivered", reason: "internal", message: "m", at: "t", attempts: 1, platform: "sud", request: {} } as DeadLetter, [KEY]));
    expect(checkLetter({ ...letter, callback: undefined }, [KEY])).toBe("verified");
    expect(checkLetter({ ...letter, callback: "" }, [KEY])).toBe("mismatch");
    expect(checkLetter({ ...letter, mac: undefined }, [KEY])).toBe("unsealed");
    expect(checkLetter(letter, [])).toBe("mismatch");
  });

  it("serialises a payload nested 100 000 deep without overflowing the stack", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    let length = 0;
    expect(() => canonicalJson({ deep }, (text) => void (length += text.length))).not.toThrow();
    expect(length).toBe(200_000 + '{"deep":}'.length);
  });

  it("canonical JSON sorts keys and matches JSON.stringify for the values it writes", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonical(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonical(reordered(JSON.parse(text)))).toBe(text);
      }),
    );
  });

  it("a key is the base64 of at least 32 bytes, written canonically", () => {
    expect(decodeLetterKey(Buffer.alloc(32, 7).toString("base64"))?.length).toBe(32);
    expect(decodeLetterKey(Buffer.alloc(64, 7).toString("base64"))?.length).toBe(64);
    for (const bad of [
      Buffer.alloc(31).toString("base64"),
      "",
      `${Buffer.alloc(32).toString("base64url")}`,
      `${"A".repeat(43)}B=`,
      `whsec_${Buffer.alloc(32).toString("base64")}`,
    ]) {
      expect(decodeLetterKey(bad), bad).toBeUndefined();
    }
  });
});
