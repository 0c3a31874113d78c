import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Every configuration variable the functions read, found in shared/ (the `…Setting(env, "NAME"`
 * calls of the config helpers), so the deploy files cannot silently fall behind the code.
 */
export function configurationNames(root: string): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith(".ts")) for (const m of readFileSync(path, "utf8").matchAll(/Setting\(\s*env,\s*"([A-Z][A-Z0-9_]*)"/g)) names.add(m[1]!);
    }
  };
  walk(join(root, "shared"));
  return [...names].sort();
}

/** The names one function should receive: its own platform's, and every name of no platform. */
export function namesFor(fn: string, all: readonly string[]): string[] {
  const prefixes = ["TENCENT_", "SUD_", "YUANJING_"];
  const own = fn.startsWith("tencent") ? "TENCENT_" : fn.startsWith("sud") ? "SUD_" : "YUANJING_";
  return all.filter((name) => name.startsWith(own) || !prefixes.some((p) => name.startsWith(p)));
}
