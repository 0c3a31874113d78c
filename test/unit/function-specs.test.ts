// The tests' list of functions is every folder of functions/, each read from its own handler's spec.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FUNCTION_NAMES, FUNCTION_SPECS } from "../helpers/functions";

describe("function specs", () => {
  it("name every function in functions/, each with its platform and callbacks", () => {
    // Every folder but the dead-letter redrive, which answers no platform.
    expect([...FUNCTION_NAMES].sort()).toEqual(
      readdirSync("functions")
        .filter((f) => f !== "dead-letter-redrive")
        .sort(),
    );
    for (const fn of FUNCTION_NAMES) {
      expect(FUNCTION_SPECS[fn].platform.name, fn).toMatch(/^(tencent-live|sud|yuanjing)$/);
      expect(FUNCTION_SPECS[fn].callbacks.length, fn).toBeGreaterThan(0);
    }
  });
});
