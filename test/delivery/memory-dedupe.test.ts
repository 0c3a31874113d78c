import { describe, expect, it } from "vitest";
import { MemoryDedupeStore } from "../../shared/delivery/dedupe/memory";

describe("the per-instance memory dedupe store", () => {
  it("claims once, answers in progress until settled, then completed; a release lets the id be claimed again", async () => {
    const store = new MemoryDedupeStore();
    expect(await store.claim("a", 1000)).toBe("claimed");
    expect(await store.claim("a", 1000)).toBe("in_progress");
    await store.complete("a");
    expect(await store.claim("a", 1000)).toBe("completed");
    expect(await store.claim("b", 1000)).toBe("claimed");
    await store.release("b");
    expect(await store.claim("b", 1000)).toBe("claimed");
  });

  it("forgets an in-progress claim when it expires", async () => {
    let now = 0;
    const store = new MemoryDedupeStore(100, () => now);
    expect(await store.claim("a", 1000)).toBe("claimed");
    now = 1001;
    expect(await store.claim("a", 1000)).toBe("claimed");
  });

  it("stays bounded, forgetting the oldest ids first and keeping the newest", async () => {
    const store = new MemoryDedupeStore(16);
    for (let i = 0; i < 100; i++) {
      expect(await store.claim(`id-${i}`, 1000)).toBe("claimed");
      await store.complete(`id-${i}`);
    }
    expect(await store.claim("id-99", 1000)).toBe("completed");
    expect(await store.claim("id-90", 1000)).toBe("completed");
    expect(await store.claim("id-0", 1000)).toBe("claimed");
    expect((store as unknown as { entries: Map<string, unknown> }).entries.size).toBeLessThanOrEqual(16);
  });
});
