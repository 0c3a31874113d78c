/**
 * Where `npm start` says it listens, so `npm run send` and `npm run invoke` reach it on whatever port
 * it chose: a small JSON file under the project (git-ignored), EMULATOR_STATE to put it elsewhere.
 */
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

export interface EmulatorState {
  readonly url: string;
  readonly pid: number;
}

export function stateFile(env: Env, cwd: string): string {
  return env.EMULATOR_STATE || join(cwd, ".emulator", "state.json");
}

export function writeState(file: string, state: EmulatorState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state)}\n`);
}

/** Removes the file if it is still this process's (a newer emulator may have written its own). */
export function removeState(file: string, pid: number): void {
  if (readState(file)?.pid === pid) unlinkSync(file);
}

function readState(file: string): EmulatorState | undefined {
  try {
    const value = JSON.parse(readFileSync(file, "utf8")) as Partial<EmulatorState>;
    return typeof value.url === "string" && typeof value.pid === "number" ? { url: value.url, pid: value.pid } : undefined;
  } catch {
    return undefined;
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface FoundEmulator {
  readonly base: string;
  /** How to reach it when it cannot be: what to run, and why the state file did not help. */
  readonly hint: string;
}

/** --port, else EMULATOR_URL, else what a running npm start wrote, else PORT, else 9000. */
export function findEmulator(options: { port?: number; env: Env; cwd: string }): FoundEmulator {
  const file = stateFile(options.env, options.cwd);
  const state = existsSync(file) ? readState(file) : undefined;
  const alive = state !== undefined && running(state.pid);
  const stale = state && !alive ? `the emulator that wrote ${file} (pid ${state.pid}) is no longer running; ` : "";
  const hint = `${stale}is the emulator running? start it with: npm start (it writes its address to ${file}), or name its port: --port N`;
  const base = options.port !== undefined ? `http://127.0.0.1:${options.port}` : options.env.EMULATOR_URL || (alive ? state!.url : `http://127.0.0.1:${options.env.PORT || 9000}`);
  return { base: base.replace(/\/+$/, ""), hint };
}
