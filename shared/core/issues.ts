import type { core, ZodMiniType } from "zod/mini";
import { compiledParser, REFUSED } from "./compiled-schema";
import { type Checked, fail, ok } from "./outcome";

/** One readable line from zod issues: `field.path: what was wrong` (zod/mini ships no messages). */
export function describeIssues(issues: readonly core.$ZodIssue[], prefix = ""): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${pathOf(prefix, issue.path)}: ${describe(issue)}`)
    .join("; ");
}

function pathOf(prefix: string, path: readonly PropertyKey[]): string {
  const parts = prefix ? [prefix] : [];
  for (const key of path) parts.push(typeof key === "number" ? `[${key}]` : String(key));
  return parts.join(".").replace(/\.\[/g, "[") || "body";
}

function describe(issue: core.$ZodIssue): string {
  // A schema's own message says it best; zod/mini's default ("Invalid input") says nothing.
  if (issue.message && issue.message !== "Invalid input") return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? `required ${issue.expected} is missing` : `expected ${issue.expected}, got ${kindOf(issue.input)}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return issue.origin === "string" ? "must not be empty" : `must be at least ${String(issue.minimum)}`;
    case "too_big":
      return `must be at most ${String(issue.maximum)}`;
    case "invalid_format":
      return `is not ${issue.format === "regex" ? "in the expected format" : `a valid ${issue.format}`}`;
    case "invalid_union":
      return issue.input === undefined ? "required value is missing" : `has the wrong type (${kindOf(issue.input)})`;
    default:
      return "is invalid";
  }
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  // The parser gives integers a double cannot hold as bigints: say what was sent.
  if (typeof value === "bigint") return "an integer beyond 2^53";
  if (typeof value === "number" && !Number.isInteger(value)) return "non-integer number";
  if (typeof value === "number" && !Number.isSafeInteger(value)) return "an integer beyond 2^53";
  return typeof value;
}

/**
 * Tests only: set on globalThis to "zod", every value is judged by zod alone (in a bundle, zod.js), so a
 * test can compare the compiled path with zod's on the built bundles.
 */
export const JUDGE = Symbol.for("platform-callbacks.judge");

/**
 * `value` parsed by the parser compiled from the schema, or REFUSED. A caller then asks zod
 * (`schema.safeParse`), which decides and words the refusal. `name`: the schema's prebuilt parser
 * (compiledParser), for one of the function's own schemas.
 */
export function parsedFast(schema: object, value: unknown, name?: string): unknown {
  if ((globalThis as Record<symbol, unknown>)[JUDGE] === "zod") return REFUSED;
  try {
    return compiledParser(schema, name)(value);
  } catch {
    // A transform or refinement that throws: zod's own run says what becomes of it.
    return REFUSED;
  }
}

/**
 * Validates `value`, a message naming each wrong field on failure. The parser compiled from the schema
 * takes what zod would take, giving zod's output; what it refuses is parsed by zod, which words the
 * refusal (or, should the two ever differ, decides). A parse context (reportInput) makes zod about 3×
 * slower even on valid input, and is needed only to describe a wrong one, so the rare invalid value is
 * parsed a second time for the message. `name` as for parsedFast.
 */
export function validate<T>(schema: ZodMiniType<T, any>, value: unknown, what: string, name?: string): Checked<T> {
  const fast = parsedFast(schema, value, name);
  if (fast !== REFUSED) return ok(fast as T);
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const described = schema.safeParse(value, { reportInput: true });
  return fail("invalid", `${what}: ${describeIssues(described.error?.issues ?? parsed.error.issues)}`);
}
