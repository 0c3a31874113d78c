import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { composeId } from "../../shared/core/ids";

describe("composeId", () => {
  it("keeps plain parts readable", () => {
    expect(composeId("Live.CallbackAfterDestroyRoom", "room_1", 1739956146119)).toBe("Live.CallbackAfterDestroyRoom:room_1:1739956146119");
  });

  it("tells a part left out from an empty one, and from any text", () => {
    expect(composeId("g", undefined, 1)).not.toBe(composeId("g", "", 1));
    // "undefined" is what String() makes of a part left out.
    const part = fc.option(fc.oneof(fc.string({ unit: fc.constantFrom("a", ":", "%", "2", "5") }), fc.constant("undefined")), { nil: undefined });
    const parts = fc.array(part, { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        fc.pre(JSON.stringify(a.map((p) => p ?? null)) !== JSON.stringify(b.map((p) => p ?? null)));
        expect(composeId(...a)).not.toBe(composeId(...b));
      }),
      { numRuns: 2000 },
    );
  });

  it("never gives two different lists of parts the same id", () => {
    expect(composeId("a:b", "c")).not.toBe(composeId("a", "b:c"));
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom("a", ":", "%", "3", "A", "é") })), fc.array(fc.string({ unit: fc.constantFrom("a", ":", "%", "3", "A") })), (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b) && a.length > 0 && b.length > 0);
        expect(composeId(...a)).not.toBe(composeId(...b));
      }),
      { numRuns: 2000 },
    );
  });
});
