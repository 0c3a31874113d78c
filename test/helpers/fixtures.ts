/**
 * Fixtures are read as text: the exact bytes are what gets signed and sent, and JSON.parse would
 * round the 18-digit account numbers some of them hold. `editFixture` changes one safely.
 */
import { readFileSync } from "node:fs";
import { isSafeNumber, parse } from "lossless-json";

export type FixturePlatform = "tencent" | "sud" | "yuanjing";

export function fixtureText(platform: FixturePlatform, name: string): string {
  return readFileSync(new URL(`../fixtures/${platform}/${name}.json`, import.meta.url), "utf8");
}

// Numbers a double cannot hold travel through the edit as marked strings and come back as bare digits.
const MARK = "\u0000exact-number:";
const MARKED = /"\\u0000exact-number:([-+.\deE]+)"/g;

/** Parses a fixture keeping every digit of large numbers, lets `edit` change it, and serialises it back. */
export function editFixture(platform: FixturePlatform, name: string, edit: (value: any) => void): string {
  const value = parse(fixtureText(platform, name), null, (text) => (isSafeNumber(text) ? Number(text) : MARK + text));
  edit(value);
  return JSON.stringify(value).replace(MARKED, "$1");
}
