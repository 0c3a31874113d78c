import { describe, expect, it } from "vitest";
import { tencentSign, verifyTencentSign } from "../../shared/platforms/tencent/sign";
import { tencentSign as independentTencentSign } from "../helpers/sign";

// PLATFORMS.md §2: Token `xxxxyyyy`, RequestTime `1669872112`.
const VECTOR = { token: "xxxxyyyy", requestTime: "1669872112", sign: "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061" };

describe("Tencent callback Sign = sha256(token + RequestTime)", () => {
  it("matches the PLATFORMS.md test vector", () => {
    expect(tencentSign(VECTOR.token, VECTOR.requestTime)).toBe(VECTOR.sign);
  });

  it("the test helper's independent implementation matches the same vector", () => {
    expect(independentTencentSign(VECTOR.token, VECTOR.requestTime)).toBe(VECTOR.sign);
  });

  it("verifies the vector's Sign, in lower or upper case hex", () => {
    expect(verifyTencentSign([VECTOR.token], VECTOR.requestTime, VECTOR.sign)).toBe(true);
    expect(verifyTencentSign([VECTOR.token], VECTOR.requestTime, VECTOR.sign.toUpperCase())).toBe(true);
  });

  it("refuses the token typo from the English page (`xxxyyy`) and any other RequestTime", () => {
    expect(verifyTencentSign(["xxxyyy"], VECTOR.requestTime, VECTOR.sign)).toBe(false);
    expect(verifyTencentSign([VECTOR.token], "1669872113", VECTOR.sign)).toBe(false);
  });

  it("refuses a Sign that is truncated, empty or not hex", () => {
    expect(verifyTencentSign([VECTOR.token], VECTOR.requestTime, VECTOR.sign.slice(0, 63))).toBe(false);
    expect(verifyTencentSign([VECTOR.token], VECTOR.requestTime, "")).toBe(false);
    expect(verifyTencentSign([VECTOR.token], VECTOR.requestTime, "z".repeat(64))).toBe(false);
  });

  it("accepts a Sign made with any token of a rotation list, and none made with a retired one", () => {
    const tokens = ["old-token", VECTOR.token, "next-token"];
    expect(verifyTencentSign(tokens, VECTOR.requestTime, VECTOR.sign)).toBe(true);
    expect(verifyTencentSign(tokens, VECTOR.requestTime, tencentSign("next-token", VECTOR.requestTime))).toBe(true);
    expect(verifyTencentSign(tokens, VECTOR.requestTime, tencentSign("retired-token", VECTOR.requestTime))).toBe(false);
    expect(verifyTencentSign([], VECTOR.requestTime, VECTOR.sign)).toBe(false);
  });
});
