import { platformOf } from "../helpers/functions";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Every configuration variable the functions read, found in shared/ (the `…Setting(env, "NAME"`
 * calls of the config helpers, and the settings naming an answering callback's default), so the deploy
 * files cannot silently fall behind the code.
 */
const SETTING_READ = /(?:Setting\(\s*env,\s*|decisionDefault<[^>]*>\(\s*)"([A-Z][A-Z0-9_]*)"/g;

export function configurationNames(root: string): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith(".ts")) for (const m of readFileSync(path, "utf8").matchAll(SETTING_READ)) names.add(m[1]!);
    }
  };
  walk(join(root, "shared"));
  return [...names].sort();
}

/** The names a user is told about: the `NAME=` lines of .env.example. */
export function documentedNames(root: string): string[] {
  return [...readFileSync(join(root, ".env.example"), "utf8").matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!).sort();
}

/** The function that replays every function's dead letters: the one given every platform's names. */
export const REDRIVE_FUNCTION = "dead-letter-redrive";
/** Names that belong to one kind of function: a platform's, or the redrive's own REDRIVE_*. */
const PLATFORM_PREFIXES = ["TENCENT_", "SUD_", "YUANJING_", "REDRIVE_"];

/**
 * Whether one function should receive a name: its own platform's, or a name of no platform. The redrive
 * is the exception: it runs letters through every function, so it receives every name.
 */
export function isNameFor(fn: string, name: string): boolean {
  if (fn === REDRIVE_FUNCTION) return true;
  const own = { "tencent-live": "TENCENT_", sud: "SUD_", yuanjing: "YUANJING_" }[platformOf(fn) ?? "yuanjing"];
  return name.startsWith(own) || !PLATFORM_PREFIXES.some((p) => name.startsWith(p));
}

/** The names one function should receive: its own platform's, and every name of no platform. */
export function namesFor(fn: string, all: readonly string[]): string[] {
  return all.filter((name) => isNameFor(fn, name));
}

/**
 * What is wrong with the names a deploy file gives one function: a name the code reads that the function
 * is not given, another platform's name, or a name the user is told about nowhere (.env.example). A name
 * the file declares ahead of the code that reads it is fine: the file must not fall behind the code.
 */
export function declarationProblems(fn: string, declared: readonly string[], code: readonly string[], documented: readonly string[]): string[] {
  return [
    ...namesFor(fn, code)
      .filter((name) => !declared.includes(name))
      .map((name) => `${fn}: not given ${name}, which the code reads`),
    ...declared.filter((name) => !isNameFor(fn, name)).map((name) => `${fn}: given ${name}, another platform's`),
    ...declared.filter((name) => !documented.includes(name)).map((name) => `${fn}: given ${name}, which .env.example does not document`),
  ];
}
