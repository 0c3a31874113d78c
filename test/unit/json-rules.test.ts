/**
 * The body parser's rules, the same for every body: nesting is limited, a duplicate key is refused
 * (two parsers reading one signed body differently is how signature confusion works), and an
 * integer beyond 2^53 comes out as a bigint with every digit, whether or not anything else in the
 * body is big.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, parseJson } from "../../shared/core/json";
import { alter, alterationArb } from "../fuzz/arbitraries";

const keyArb = fc.string({ unit: fc.constantFrom("a", "b", "é", '"', "\\", "\n", "𝄞", "{", "[", ":", ","), maxLength: 4 });

/** A JSON key written with every character \u-escaped: the same key to JSON.parse. */
const escaped = (key: string) => `"${escapeAll(key)}"`;
function escapeAll(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) out += `\\u${text.charCodeAt(i).toString(16).padStart(4, "0")}`;
  return out;
}

const notBig = (d: number) => !Number.isInteger(d) || Number.isSafeInteger(d);

/** Random documents, written with big integers bare or not at all. */
const docArb = (big: boolean) =>
  fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small", maxDepth: 4 },
      // Doubles that are integers beyond 2^53 would come back as bigints: the big ones are generated below.
      fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter(notBig), fc.boolean(), fc.constant(null)),
      big ? fc.bigInt({ min: 2n ** 53n + 1n, max: 2n ** 90n }).map((n) => `\u0000big:${n}`) : fc.constant(0),
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(keyArb, tie("value"), { maxKeys: 3 }),
    ),
  })).value;
const write = (value: unknown) => JSON.stringify(value).replace(/"\\u0000big:(\d+)"/g, "$1");

/** Every object in a document text, by the offset just after its `{`. */
function objectStarts(text: string): number[] {
  const starts: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") starts.push(i + 1);
  }
  return starts;
}

describe("a duplicate key is refused, wherever it is and however it is spelled", () => {
  it("refuses any document with a key twice in one object, naming the key, with or without a big integer", () => {
    fc.assert(
      fc.property(
        docArb(true),
        fc.boolean(),
        keyArb,
        fc.constantFrom("plain", "first", "second", "both"),
        fc.jsonValue({ maxDepth: 1 }),
        fc.nat(),
        fc.nat({ max: 20 }),
        (doc, big, key, escapedOne, other, pick, between) => {
          // One object of the document (or a wrapper around it) gets `key` twice, either or both maybe
          // \u-escaped, with other keys between (past 16 keys an object's keys go to a Set).
          const text = `{"doc":${write(doc)}${big ? ',"n":123456789012345678901' : ""}}`;
          const starts = objectStarts(text);
          const at = starts[pick % starts.length]!;
          const spell = (asEscapes: boolean) => (asEscapes ? escaped(key) : JSON.stringify(key));
          const others = Array.from({ length: between }, (_, i) => `${JSON.stringify(`${key}~${i}`)}:0,`).join("");
          const twin = `${spell(escapedOne === "first" || escapedOne === "both")}:1,${others}${spell(escapedOne === "second" || escapedOne === "both")}:${JSON.stringify(other)}`;
          const withTwin = `${text.slice(0, at)}${twin}${text[at] === "}" ? "" : ","}${text.slice(at)}`;
          const result = parseJson(withTwin);
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.reason).toBe("malformed");
            expect(result.message).toContain(`duplicate key ${JSON.stringify(key)}`);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("accepts the same key in different objects, and keys that only look alike", () => {
    expect(parseJson('{"a":{"a":1},"b":[{"a":2},{"a":3}]}').ok).toBe(true);
    expect(parseJson('{"a":1,"A":2,"a ":3,"\\u0061\\u0062":4}').ok).toBe(true);
  });

  it("finds a duplicate among 100 000 keys in linear time (a list of keys would take minutes)", () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `"k${i}":${i}`).join(",");
    const started = performance.now();
    expect(parseJson(`{${keys}}`).ok).toBe(true);
    for (const twin of ['"k0":1', '"k\\u0031":1']) {
      expect(parseJson(`{${keys},${twin}}`)).toMatchObject({ ok: false, message: expect.stringContaining("duplicate key") });
    }
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("is not fooled by braces, quotes and colons inside strings", () => {
    expect(parseJson('{"a":"{\\"a\\":1,\\"a\\":2}","b":"\\\\","c":"]}"}').ok).toBe(true);
    expect(parseJson('{"a":"\\\\","a":1}')).toMatchObject({ ok: false, message: expect.stringContaining('duplicate key "a"') });
  });
});

describe(`nesting deeper than ${MAX_JSON_DEPTH} levels is refused before anything recurses over it`, () => {
  it("parses up to the limit, refuses beyond it as malformed, whatever the mix of arrays and objects", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 3 * MAX_JSON_DEPTH }), (arrays) => {
        const open = arrays.map((isArray) => (isArray ? "[" : '{"k":')).join("");
        const close = arrays
          .map((isArray) => (isArray ? "]" : "}"))
          .reverse()
          .join("");
        const result = parseJson(`${open}"[[[{{{"${close}`);
        if (arrays.length <= MAX_JSON_DEPTH) expect(result.ok).toBe(true);
        else expect(result).toMatchObject({ ok: false, reason: "malformed", message: expect.stringContaining(`nested deeper than ${MAX_JSON_DEPTH}`) });
      }),
      { numRuns: 500 },
    );
  });

  it("refuses 100 000 levels in well under a second", () => {
    const started = performance.now();
    expect(parseJson("[".repeat(100_000) + "]".repeat(100_000)).ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("an integer beyond 2^53 is a bigint with every digit, the rest as JSON.parse gives them", () => {
  it("agrees with JSON.parse on documents without big integers, and keeps each big one exact", () => {
    fc.assert(
      fc.property(docArb(false), docArb(true), (plain, withBig) => {
        const plainText = write(plain);
        expect(parseJson(plainText)).toEqual({ ok: true, value: JSON.parse(plainText) });
        const bigText = write(withBig);
        const result = parseJson(bigText);
        expect(result.ok).toBe(true);
        const expected = JSON.parse(JSON.stringify(withBig), (_key, v) => (typeof v === "string" && v.startsWith("\u0000big:") ? BigInt(v.slice(5)) : v));
        if (result.ok) expect(result.value).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe("the pre-scan never changes what counts as JSON", () => {
  it("on altered documents: accepted only if JSON.parse accepts, and refused as not JSON only if JSON.parse refuses", () => {
    const bigDoc = docArb(true).map((doc) => write(doc));
    const textArb = fc.oneof(bigDoc, fc.constantFrom('{"a":12345678901234567890}', "[-9007199254740993,01234567890123456789]", '{"a":"\\u0000"}'));
    fc.assert(
      fc.property(textArb, fc.array(alterationArb, { maxLength: 3 }), (text, changes) => {
        const altered = changes.reduce<Buffer>((body, change) => alter(body, change), Buffer.from(text)).toString("utf8");
        let valid = true;
        let plain: unknown;
        try {
          plain = JSON.parse(altered);
        } catch {
          valid = false;
        }
        const result = parseJson(altered);
        if (result.ok) {
          expect(valid).toBe(true);
          // The same document, big integers aside (JSON.parse rounds them).
          expect(JSON.stringify(result.value, (_k, v) => (typeof v === "bigint" ? Number(v) : v))).toBe(JSON.stringify(plain));
        } else if (valid) {
          expect(result.message).toMatch(/duplicate key|nested deeper/);
        } else {
          expect(result.message).toMatch(/not valid JSON|duplicate key|nested deeper/);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps every digit when a string holds a \\u0000 escape, and a string that looks marked stays a string", () => {
    expect(parseJson('{"s":"\\u0000x","n":123456789012345678901}')).toEqual({ ok: true, value: { s: "\u0000x", n: 123456789012345678901n } });
    expect(parseJson('{"s":"\\u0000123","n":1}')).toEqual({ ok: true, value: { s: "\u0000123", n: 1 } });
    expect(parseJson('{"s":"\\u0000123456789012345678901","n":123456789012345678901}')).toEqual({
      ok: true,
      value: { s: "\u0000123456789012345678901", n: 123456789012345678901n },
    });
    fc.assert(
      fc.property(fc.string(), fc.bigInt({ min: 2n ** 53n + 1n, max: 2n ** 80n }), (s, n) => {
        const text = `{"s":${JSON.stringify(`\u0000${s}`)},"n":${n}}`;
        expect(parseJson(text)).toEqual({ ok: true, value: { s: `\u0000${s}`, n } });
      }),
    );
  });
});
