import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** A bundle and the chunks it loads on demand (redis.js, forward.js): every .js file of its folder, the bundle first. */
function filesOf(file: string): string[] {
  let siblings: string[] = [];
  try {
    siblings = readdirSync(dirname(file))
      .filter((name) => name.endsWith(".js") && name !== basename(file))
      .sort();
  } catch {
    // No folder yet: the bundle alone, which is missing too.
  }
  return [file, ...siblings.map((name) => join(dirname(file), name))];
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
