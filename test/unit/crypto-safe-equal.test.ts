import { describe, expect, it } from "vitest";
import { safeEqual, sha256Hex } from "../../shared/core/crypto";

describe("safeEqual: constant-time comparison of digests", () => {
  it("is true only for identical strings", () => {
    expect(safeEqual("17773bc3", "17773bc3")).toBe(true);
    expect(safeEqual("17773bc3", "17773bc4")).toBe(false);
    expect(safeEqual("17773bc3", "07773bc3")).toBe(false);
  });

  it("is false, without throwing, when the lengths differ (timingSafeEqual itself would throw)", () => {
    expect(safeEqual("abcdef", "abc")).toBe(false);
    expect(safeEqual("abc", "abcdef")).toBe(false);
    expect(safeEqual("abc", "")).toBe(false);
  });

  it("compares empty strings as equal", () => {
    expect(safeEqual("", "")).toBe(true);
  });

  it("compares bytes, so strings of equal length but different UTF-8 size are unequal without throwing", () => {
    expect(safeEqual("aa", "é")).toBe(false);
    expect(safeEqual("ab", "aé")).toBe(false);
    expect(safeEqual("é", "é")).toBe(true);
  });

  it("is case-sensitive (callers normalise hex case first)", () => {
    expect(safeEqual("6b9f", "6B9F")).toBe(false);
  });
});

describe("sha256Hex", () => {
  it("gives lowercase hex", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
