// The entry a runtime loads stays two lines, so that import() of it costs what require() does: Node 20's
// import() of a CommonJS file runs its export lexer over the file (a tiny one here, never main.js) and,
// without a "type" nearby, compiles it twice to detect module syntax (the package.json says CommonJS).
// That both loaders give a working handler is test/e2e/self-contained.test.ts.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { ENTRY_FILES, MAIN_FILE } from "../../scripts/build.mjs";

const FUNCTIONS = readdirSync("functions").sort();

describe("each function's entry: two lines over main.js, in a CommonJS folder", () => {
  beforeAll(() => {
    if (FUNCTIONS.every((fn) => existsSync(`dist/${fn}/${MAIN_FILE}`))) return;
    const built = spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
    if (built.status !== 0) throw new Error("npm run build failed");
  });

  it("the entry exports handler as the lexer reads it, without a re-export it would follow into main.js", () => {
    const entry = ENTRY_FILES.find((e) => e.file === "index.js")!.contents;
    expect(entry.length).toBeLessThanOrEqual(200);
    const code = entry.split("\n").filter((line) => line.trim() !== "" && !line.trim().startsWith("//"));
    expect(code).toEqual(['"use strict";', `exports.handler = require("./${MAIN_FILE}").handler;`]);
    expect(entry).not.toMatch(/module\.exports\s*=/);
  });

  it.each(FUNCTIONS)("dist/%s: index.js and package.json are the build's entry files", (fn) => {
    for (const { file, contents } of ENTRY_FILES) expect(readFileSync(`dist/${fn}/${file}`, "utf8"), file).toBe(contents);
    expect(JSON.parse(readFileSync(`dist/${fn}/package.json`, "utf8"))).toEqual({ type: "commonjs" });
  });
});
