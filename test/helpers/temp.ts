// Temporary folders for one test file: all made under one folder of the system's, removed after the file's
// tests (vitest loads this module afresh for each file, so each file registers its own cleanup).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

let root: string | undefined;
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** A fresh, empty folder whose name starts with `prefix`, gone after this file's tests. */
export function tempDir(prefix: string): string {
  root ??= mkdtempSync(join(tmpdir(), "platform-callbacks-test-"));
  return mkdtempSync(join(root, prefix));
}
