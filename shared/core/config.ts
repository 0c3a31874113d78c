export type Env = Readonly<Record<string, string | undefined>>;

/** A setting that is missing or bad. The message names the variable and never prints its value. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}`);
    this.name = "ConfigError";
  }
}

export function requiredSetting(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(name, "is not set");
  return value;
}

export function optionalSetting(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** A comma-separated list (several secrets at once allow rotation without downtime). */
export function listSetting(env: Env, name: string, required: boolean): string[] {
  const raw = required ? requiredSetting(env, name) : optionalSetting(env, name);
  if (raw === undefined) return [];
  const items = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new ConfigError(name, "holds no value between its commas");
  return items;
}

export function integerSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optionalSetting(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** `true` or `false` (any case); unset or empty is the fallback, anything else a ConfigError. */
export function booleanSetting(env: Env, name: string, fallback: boolean): boolean {
  const raw = optionalSetting(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw !== "true" && raw !== "false") throw new ConfigError(name, "must be true or false");
  return raw === "true";
}

/** One of `values` (any case); unset or empty is `fallback`, anything else a ConfigError. */
export function choiceSetting<V extends string>(env: Env, name: string, values: readonly V[], fallback: V): V {
  const raw = optionalSetting(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (!(values as readonly string[]).includes(raw)) throw new ConfigError(name, `must be one of ${values.join(", ")}`);
  return raw as V;
}
