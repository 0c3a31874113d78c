import { dirname, sep } from "node:path";

/**
 * Drops a built entry's whole folder from a module cache (the two-line entry, main.js, any chunk it
 * loaded), so that the next require of the entry is a cold start. Forgetting the entry alone would hand
 * back the same main.js, with its dedupe memory and settings. Callers pass their own `require.cache`.
 */
export function forgetBundle(entry: string, cache: NodeJS.Dict<NodeModule>): void {
  const folder = dirname(entry) + sep;
  for (const key of Object.keys(cache)) if (key.startsWith(folder)) delete cache[key];
}
