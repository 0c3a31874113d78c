import { describe, expect, it } from "vitest";
import { isPlainObject, parseJson } from "../../shared/core/json";

function parsed(text: string): any {
  const result = parseJson(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.message}`);
  return result.value;
}

describe("parseJson keeps large integers exact, as bigints", () => {
  it("turns an 18-digit Owner_Account into a bigint with every digit (JSON.parse would round it)", () => {
    const text = '{"Owner_Account":144115245353757792}';
    expect(JSON.parse(text).Owner_Account).toBe(144115245353757790);
    expect(parsed(text)).toEqual({ Owner_Account: 144115245353757792n });
  });

  it("keeps 19-digit ids and negative ones too, anywhere in the document", () => {
    const value = parsed('{"rooms":[{"mg_id":1468180338417074177},{"n":-9223372036854775807}],"deep":{"x":[1,[12345678901234567890]]}}');
    expect(value.rooms[0].mg_id).toBe(1468180338417074177n);
    expect(value.rooms[1].n).toBe(-9223372036854775807n);
    expect(value.deep.x[1][0]).toBe(12345678901234567890n);
  });

  it("keeps numbers that fit a double as numbers, including 2^53 - 1 next to a large id", () => {
    const value = parsed('{"big":144115216631667826,"max":9007199254740991,"ms":1739956146119,"f":0.5,"e":1e3}');
    expect(value).toEqual({ big: 144115216631667826n, max: 9007199254740991, ms: 1739956146119, f: 0.5, e: 1000 });
  });

  it("turns 2^53 + 1 into a bigint (it has no exact double)", () => {
    expect(parsed('{"n":9007199254740993}').n).toBe(9007199254740993n);
  });

  it("leaves long digit runs inside strings alone", () => {
    expect(parsed('{"id":"144115245353757792","n":1}')).toEqual({ id: "144115245353757792", n: 1 });
  });

  it("keeps a long decimal fraction a number", () => {
    expect(typeof parsed('{"x":0.12345678901234567890}').x).toBe("number");
  });

  it("parses ordinary JSON exactly as JSON.parse does", () => {
    const text = '{"a":[1,2,{"b":null,"c":true}],"d":"é\\u00e9","e":-0.25}';
    expect(parsed(text)).toEqual(JSON.parse(text));
  });

  it("refuses invalid JSON as malformed, on both the fast and the large-integer path", () => {
    for (const text of ["", "{", '{"a":1,}', "{'a':1}", '{"a":144115245353757792,}', "// comment\n{}"]) {
      const result = parseJson(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) {
        expect(result.reason).toBe("malformed");
        expect(result.message).toMatch(/^body is not valid JSON: /);
      }
    }
  });
});

describe("isPlainObject", () => {
  it("is true for objects only, not arrays, null or primitives", () => {
    expect(isPlainObject({})).toBe(true);
    for (const value of [[], null, "x", 1, undefined, true]) expect(isPlainObject(value)).toBe(false);
  });
});
