import { safeEqual, sha256Hex } from "../../core/crypto";

/** Tencent's callback signature: lowercase hex SHA-256 of token + RequestTime (not an HMAC; the body is not signed). */
export function tencentSign(token: string, requestTime: string): string {
  return sha256Hex(token + requestTime);
}

/** True when `sign` matches any of the tokens (several during a rotation). */
export function verifyTencentSign(tokens: readonly string[], requestTime: string, sign: string): boolean {
  const received = sign.toLowerCase();
  let matched = false;
  for (const token of tokens) matched = safeEqual(tencentSign(token, requestTime), received) || matched;
  return matched;
}
