import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryNonceStore } from "../../shared/delivery/nonce/memory";

describe("the per-instance nonce memory", () => {
  it("answers first, then same for the same digest and different for another; the first digest stays", async () => {
    const store = new MemoryNonceStore();
    expect(await store.remember("sud:1:n", "d1", 1000)).toBe("first");
    expect(await store.remember("sud:1:n", "d1", 1000)).toBe("same");
    expect(await store.remember("sud:1:n", "d2", 1000)).toBe("different");
    expect(await store.remember("sud:1:n", "d1", 1000)).toBe("same");
    expect(await store.remember("sud:2:n", "d2", 1000)).toBe("first");
  });

  it("forgets a key when its time is up", async () => {
    let now = 0;
    const store = new MemoryNonceStore(100, () => now);
    expect(await store.remember("k", "d1", 1000)).toBe("first");
    now = 999;
    expect(await store.remember("k", "d2", 1000)).toBe("different");
    now = 1000;
    expect(await store.remember("k", "d2", 1000)).toBe("first");
  });

  it("stays bounded, forgetting the oldest keys first and keeping the newest", async () => {
    const store = new MemoryNonceStore(16);
    for (let i = 0; i < 100; i++) expect(await store.remember(`k-${i}`, "d", 60_000)).toBe("first");
    expect(await store.remember("k-99", "other", 60_000)).toBe("different");
    expect(await store.remember("k-90", "d", 60_000)).toBe("same");
    expect(await store.remember("k-0", "other", 60_000)).toBe("first");
    expect((store as unknown as { entries: Map<string, unknown> }).entries.size).toBeLessThanOrEqual(16);
  });

  it("property: against a model, each answer says whether the key was held and with which digest", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom("a", "b", "c"), fc.constantFrom("d1", "d2"), fc.nat(50)), { maxLength: 60 }), async (steps) => {
        let now = 0;
        const store = new MemoryNonceStore(1000, () => now);
        const model = new Map<string, { digest: string; until: number }>();
        for (const [key, digest, wait] of steps) {
          now += wait;
          const held = model.get(key);
          const expected = held && held.until > now ? (held.digest === digest ? "same" : "different") : "first";
          if (expected === "first") model.set(key, { digest, until: now + 100 });
          expect(await store.remember(key, digest, 100)).toBe(expected);
        }
      }),
    );
  });
});
