/**
 * A seeded source of random bytes (mulberry32): the same seed gives the same bytes on every machine,
 * so a test that records what the product answered can send the same callbacks again.
 */
export function seededBytes(seed: number): (n: number) => Buffer {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (n) => {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = next() & 0xff;
    return out;
  };
}
