import * as crypto from "node:crypto";
import { createHash, timingSafeEqual } from "node:crypto";

/** Constant-time comparison of two ASCII strings (hex digests); unequal lengths are simply false. */
export function safeEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** Node's one-shot digest (20.12 and later): one call into C++ instead of a Hash object and three. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Buffer, encoding: "hex") => string }).hash;

export const sha256Hex = (data: string | Buffer): string => (oneShot ? oneShot("sha256", data, "hex") : createHash("sha256").update(data).digest("hex"));
