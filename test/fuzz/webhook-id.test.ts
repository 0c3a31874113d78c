import { validateHeaderValue } from "node:http";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PlatformName } from "../../shared/core/event";
import { wireKey } from "../../shared/delivery/wire";
import { RUNS } from "./arbitraries";

const PLATFORMS: PlatformName[] = ["sud", "tencent-live", "yuanjing"];

/** Any id: unicode (with lone surrogates), control characters, readable ASCII near the length limit, the hash's own prefix. */
const idArb = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(" ", "\t", "\n", "\r", "\u0000", "\u007f", "a", ":", "%"), maxLength: 20 }),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 150, maxLength: 260 }),
  fc.string({ maxLength: 70 }).map((tail) => `sha256:${tail}`),
);

describe("webhook-id / stream id: a header-safe form of the event key", () => {
  it("is always a header value node accepts, without the edge whitespace a receiver would trim, of bounded length", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLATFORMS), idArb, (platform, id) => {
        const value = wireKey({ platform, id });
        expect(() => validateHeaderValue("webhook-id", value)).not.toThrow();
        expect(value.trim()).toBe(value);
        expect(value.length).toBeLessThanOrEqual(220);
        expect(wireKey({ platform, id })).toBe(value);
      }),
      RUNS,
    );
  });

  it("differs for different events", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLATFORMS), idArb, fc.constantFrom(...PLATFORMS), idArb, (pa, a, pb, b) => {
        fc.pre(pa !== pb || a !== b);
        expect(wireKey({ platform: pa, id: a })).not.toBe(wireKey({ platform: pb, id: b }));
      }),
      RUNS,
    );
    // Near misses a generator rarely hits: lone surrogates against U+FFFD, an id against its own hash form.
    expect(wireKey({ platform: "sud", id: "\ud800" })).not.toBe(wireKey({ platform: "sud", id: "\ufffd" }));
    expect(wireKey({ platform: "sud", id: "\ud800" })).not.toBe(wireKey({ platform: "sud", id: "\udc00" }));
    const hashed = wireKey({ platform: "sud", id: "订单" });
    expect(wireKey({ platform: "sud", id: hashed.slice("sud:".length) })).not.toBe(hashed);
  });

  it("leaves readable ids as the event key", () => {
    const readable = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 150 });
    fc.assert(
      fc.property(fc.constantFrom(...PLATFORMS), readable, (platform, id) => {
        fc.pre(!id.startsWith("sha256:"));
        expect(wireKey({ platform, id })).toBe(`${platform}:${id}`);
      }),
      RUNS,
    );
  });
});
