import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** The built bundles (`npm test` builds first); built here when a test file runs on its own. */
export function ensureBuilt(): void {
  if (existsSync("dist/sud-notify/index.js") && existsSync("dist/sud-notify/redis.js")) return;
  const result = spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm run build failed");
}
