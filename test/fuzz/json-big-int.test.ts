import fc from "fast-check";
import { isInteger, isSafeNumber, parse } from "lossless-json";
import { describe, expect, it } from "vitest";
import { parseJson } from "../../shared/core/json";
import { RUNS } from "./arbitraries";

const MARK = "\u0000big:";

/** JSON values with bare integers beyond 2^53 mixed in, anywhere (marked, then written as bare digits). */
const valueArb = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue({ maxDepth: 1 }),
    fc
      .bigInt({ min: -(2n ** 64n), max: 2n ** 64n })
      .filter((n) => n > 2n ** 53n || n < -(2n ** 53n))
      .map((n) => `${MARK}${n}`),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 4 }),
  ),
})).value;

describe("parseJson keeps every digit of every large integer, wherever it is and however the JSON is spaced", () => {
  it("agrees with a lossless reference parse on random documents", () => {
    fc.assert(
      fc.property(valueArb, fc.constantFrom(undefined, 1, 2, "\t"), (value, indent) => {
        const text = JSON.stringify(value, null, indent).replace(/"\\u0000big:(-?\d+)"/g, "$1");
        const reference = parse(text, null, (n) => (isInteger(n) && !isSafeNumber(n) ? BigInt(n) : Number(n)));
        const result = parseJson(text);
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value).toEqual(reference);
      }),
      RUNS,
    );
  });
});
