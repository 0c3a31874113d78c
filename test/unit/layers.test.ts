// The protocol core knows nothing of delivery: shared/core/ imports only itself (and zod, node:),
// so the path authenticate → open → validate reads alone, and delivery can change without it.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("layers", () => {
  it("shared/core imports nothing from the delivery layer, the runtimes or the platforms", () => {
    for (const file of readdirSync("shared/core").filter((f) => f.endsWith(".ts"))) {
      const imports = [...readFileSync(`shared/core/${file}`, "utf8").matchAll(/from "([^"]+)"/g)].map((m) => m[1]!);
      for (const path of imports) expect(path, `shared/core/${file}`).toMatch(/^(\.\/|zod|node:)/);
    }
  });
});
