/**
 * `toMatchObject` that also reads `key: undefined` as "absent or undefined" (toMatchObject alone wants
 * the key present): typed events leave an optional field out, or set it to undefined when derived.
 */
import { expect } from "vitest";

export function expectShape(actual: unknown, expected: unknown, message?: string): void {
  expect(actual, message).toMatchObject(definedOnly(expected) as object);
  for (const path of undefinedPaths(expected)) {
    const value = path.reduce<any>((node, key) => node?.[key], actual);
    expect(value, `${message ?? ""} ${path.join(".")}`.trim()).toBeUndefined();
  }
}

function definedOnly(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(definedOnly);
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, definedOnly(v)]),
  );
}

function undefinedPaths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (value === undefined) return [path];
  if (typeof value !== "object" || value === null || (Object.getPrototypeOf(value) !== Object.prototype && !Array.isArray(value))) return [];
  return Object.entries(value).flatMap(([k, v]) => undefinedPaths(v, [...path, Array.isArray(value) ? Number(k) : k]));
}
