import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** The .js files of a folder, sorted by name; none when the folder is not there (yet). */
function scriptsIn(dir: string, except?: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith(".js") && name !== except)
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/**
 * A bundle and what it loads on demand: every .js file of its folder (redis.js, forward.js, ...), the bundle
 * first, then its schemas' parsers (parsers/), so that a rebuilt parser counts as a new bundle too.
 */
function filesOf(file: string): string[] {
  const dir = dirname(file);
  return [file, ...scriptsIn(dir, basename(file)), ...scriptsIn(join(dir, "parsers"))];
}

/** Changes whenever the bundle or one of its chunks is rewritten: cheap enough to check at every request. */
export function bundleStamp(file: string): string {
  return filesOf(file)
    .map((f) => {
      try {
        return String(statSync(f).mtimeMs);
      } catch {
        return "-";
      }
    })
    .join(",");
}

/** What the build produced, in 10 hex digits: the same code has the same name, whenever it was written. */
export function bundleHash(file: string): string {
  const hash = createHash("sha256");
  for (const f of filesOf(file)) {
    try {
      hash.update(readFileSync(f));
    } catch {
      hash.update("missing");
    }
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 10);
}
