// Tests and scripts read only what the repository holds: a lone clone (CI) must behave as a checkout
// with notes beside it. Every relative path written in their source must stay inside the repository.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mjs|js)$/.test(entry) ? [path] : [];
  });
}

/** Each quoted relative path (`"../x"`, `'./x'`, `` `../x/${y}` ``) in a file, with where it resolves to. */
function relativePaths(file: string): { literal: string; target: string }[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/["'`]((?:\.\.?\/)+[^"'`\s]*)/g)].map((m) => ({ literal: m[1]!, target: resolve(dirname(file), m[1]!) }));
}

describe("tests and scripts read only the repository", () => {
  it.each(["test", "scripts"])("no relative path in %s/ leads outside the repository", (folder) => {
    const outside = sources(join(ROOT, folder)).flatMap((file) =>
      relativePaths(file)
        .filter(({ target }) => relative(ROOT, target).startsWith(`..${sep}`) || relative(ROOT, target) === "..")
        .map(({ literal }) => `${relative(ROOT, file)}: ${literal}`),
    );
    expect(outside).toEqual([]);
  });
});
