import { createHash, hash, timingSafeEqual } from "node:crypto";

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

/**
 * Node's one-shot digest (20.12 and later): one call into C++ instead of a Hash object and three. A named
 * import: the bundles are CommonJS, where it is a property read, undefined on an older runtime (then the Hash
 * object serves); a namespace import would make each bundle copy every export of node:crypto into an object
 * at load (about 1 M instructions of a cold start).
 */
const oneShot: typeof hash | undefined = hash;

export const sha256Hex = (data: string | Buffer): string => (oneShot ? oneShot("sha256", data, "hex") : createHash("sha256").update(data).digest("hex"));
