import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Two cores: keep the process count small so timing-sensitive tests stay honest.
    maxWorkers: 2,
  },
});
