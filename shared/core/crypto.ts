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

export const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");
