/**
 * Just enough of the two deploy tools' variable syntax to read our own files the way they do:
 *   Serverless Devs:       ${env('NAME')}  ${env(NAME)}  ${env('NAME', 'default')}  ${vars.path}
 *                          ${secret('NAME')}  ${config('NAME')}  (read here from the settings under the same NAME)
 *   Serverless Framework:  ${env:NAME}  ${env:NAME, 'default'}  ${opt:name, 'default'}  ${self:path}  ${sls:stage}
 * As the tools do, a variable without a value takes its default, and one with no default stops the reading
 * in the tool's own words. Serverless Devs counts an empty variable as no value ("env('NAME') not found");
 * the Framework takes an empty one as set, and stops only for an unset one.
 */
export type Env = Readonly<Record<string, string | undefined>>;

const REFERENCE = /\$\{([^{}]+)\}/g;

export interface DevsScope {
  readonly env: Env;
  readonly vars: Readonly<Record<string, unknown>>;
  /**
   * "refuse" (the default, as `s deploy` does): a variable without a default that is unset stops the reading.
   * "empty": it reads as "", for callers that want the file's names and shape, not a configuration.
   */
  readonly unset?: "refuse" | "empty";
}

/** Resolves Serverless Devs references in every string of `value` (objects and arrays walked). */
export function resolveDevs(value: unknown, scope: DevsScope): unknown {
  return walk(value, (text) => substitute(text, (expression) => devsReference(expression.trim(), scope)));
}

/**
 * `env('NAME')`, `env("NAME")` or `env(NAME)`, with an optional quoted-string or number default after a
 * comma (the CLI evaluates the call as JavaScript; a default needs the name quoted, `env(NAME, x)` it cannot compile).
 */
const DEVS_ENV = /^env\(\s*(?:'([A-Za-z_][A-Za-z0-9_]*)'|"([A-Za-z_][A-Za-z0-9_]*)")\s*(?:,\s*('[^']*'|"[^"]*"|-?\d+(?:\.\d+)?)\s*)?\)$/;
const DEVS_ENV_UNQUOTED = /^env\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)$/;

function devsReference(expression: string, scope: DevsScope): unknown {
  const quoted = DEVS_ENV.exec(expression);
  const bare = DEVS_ENV_UNQUOTED.exec(expression);
  if (quoted || bare) {
    const name = (quoted ? (quoted[1] ?? quoted[2]) : bare![1])!;
    const value = scope.env[name];
    if (value) return value;
    const fallback = quoted?.[3];
    if (fallback !== undefined) return /^['"]/.test(fallback) ? fallback.slice(1, -1) : Number(fallback);
    if (scope.unset === "empty") return "";
    throw new Error(`env('${name}') not found: set ${name}, or give it a default: \${env('${name}', '')}`);
  }
  // The CLI reads these from the deployer's own store (`s secret add`, the access profile); locally the
  // emulator's settings (development defaults < .env < environment) stand in for that store.
  const stored = /^(?:secret|config)\(\s*(?:'([A-Za-z_][A-Za-z0-9_]*)'|"([A-Za-z_][A-Za-z0-9_]*)")\s*\)$/.exec(expression);
  if (stored) {
    const name = (stored[1] ?? stored[2])!;
    if (scope.env[name]) return scope.env[name];
    if (scope.unset === "empty") return "";
    throw new Error(`\${${expression}}: set ${name} (in .env or the environment) for the emulator`);
  }
  if (/^env[.(]/.test(expression)) {
    throw new Error(`\${${expression}} is not read by the Serverless Devs CLI; write \${env('NAME')} or \${env('NAME', 'default')}`);
  }
  const vars = /^vars\.(.+)$/.exec(expression);
  if (vars) {
    const found = lookup(scope.vars, vars[1]!);
    if (found === undefined) throw new Error(`\${${expression}} is not defined under vars`);
    return resolveDevs(found, scope);
  }
  throw new Error(`\${${expression}} is not a reference the emulator understands (env(...) or vars.*)`);
}

export interface FrameworkScope {
  readonly env: Env;
  readonly options: Readonly<Record<string, string | undefined>>;
  /** The whole configuration, for ${self:...}. */
  readonly self: unknown;
}

/** Resolves Serverless Framework references in every string of `value`. */
export function resolveFramework(value: unknown, scope: FrameworkScope): unknown {
  return walk(value, (text) => substitute(text, (expression) => frameworkReference(expression, scope)));
}

function frameworkReference(expression: string, scope: FrameworkScope): unknown {
  const [head, fallback] = splitFallback(expression);
  const resolved = frameworkSource(head.trim(), scope);
  if (resolved !== undefined) return resolved;
  if (fallback === undefined) throw new Error(`\${${expression}} cannot be resolved and has no default`);
  return literal(fallback.trim(), scope);
}

function frameworkSource(source: string, scope: FrameworkScope): unknown {
  const match = /^(env|opt|self|sls):(.*)$/.exec(source);
  if (!match) return literal(source, scope);
  const [, kind, name = ""] = match;
  switch (kind) {
    case "env":
      return scope.env[name];
    case "opt":
      return scope.options[name] || undefined;
    case "sls":
      return name === "stage" ? scope.options.stage : undefined;
    default: {
      const found = lookup(scope.self, name);
      return found === undefined ? undefined : resolveFramework(found, scope);
    }
  }
}

/** A default: a quoted string, a number, or another source (`${env:A, env:B}`). */
function literal(text: string, scope: FrameworkScope): unknown {
  const quoted = /^(['"])(.*)\1$/.exec(text);
  if (quoted) return quoted[2];
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^(env|opt|self|sls):/.test(text)) return frameworkReference(text, scope);
  return text;
}

function splitFallback(expression: string): [string, string | undefined] {
  let quote: string | undefined;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ",") return [expression.slice(0, i), expression.slice(i + 1)];
  }
  return [expression, undefined];
}

/** A string that is one whole reference keeps the referenced value's type; otherwise text is spliced. */
function substitute(text: string, resolve: (expression: string) => unknown): unknown {
  const whole = /^\$\{([^{}]+)\}$/.exec(text);
  if (whole) return resolve(whole[1]!);
  return text.replace(REFERENCE, (_, expression: string) => String(resolve(expression)));
}

function walk(value: unknown, onString: (text: string) => unknown): unknown {
  if (typeof value === "string") return value.includes("${") ? onString(value) : value;
  if (Array.isArray(value)) return value.map((item) => walk(item, onString));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, onString)]));
  }
  return value;
}

function lookup(root: unknown, path: string): unknown {
  let current = root;
  for (const key of path.split(".")) {
    if (!current || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
