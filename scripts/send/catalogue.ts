/**
 * The callbacks the sender can build: every entry of every platform's catalog, with the sample its
 * file gives (fresh ids on every build), plus one command per platform that has no schema here.
 * Each is known by the platform's own name (`Live.CallbackAfterEndBattle`) and by a short name
 * (`tencent-live-battle-end`, after its file). Reused by tests, the emulator's page and benchmarks.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { LosslessNumber } from "lossless-json";
import type { SampleContext } from "../../shared/core/callback";
import type { PlatformName } from "../../shared/core/event";
import { PLATFORM_TOOLING, type PlatformTooling, type UnsignedCallback } from "../../shared/platforms/tooling";

export type { PlatformName } from "../../shared/core/event";
export type { UnsignedCallback } from "../../shared/platforms/tooling";

export interface BuildContext {
  readonly now: number;
  /** Configuration (app ids, the 元镜 pair); secrets are only read when signing. */
  readonly settings: Readonly<Record<string, string | undefined>>;
}

export interface CallbackTemplate {
  /** The short name: `<platform>-<file>`. */
  readonly name: string;
  /** The platform's own name of the callback, and its aliases. */
  readonly callback: string;
  readonly aliases: readonly string[];
  readonly description: string;
  readonly platform: PlatformName;
  /** The function that serves it, and so where it is sent by default: its own, else the platform's one URL. */
  readonly fn: string;
  /**
   * For an interface a prefix function serves by the URL's last segment (SUD's app server): that
   * segment, and the function that needs it; a function of the interface's own answers at any path.
   */
  readonly segment?: { readonly name: string; readonly prefixFunction: string };
  build(context: BuildContext): UnsignedCallback;
}

const FUNCTIONS_DIR = fileURLToPath(new URL("../../functions", import.meta.url));

/** The sample's context: the clock, fresh ids, and bare 18-digit ids that stay exact on the wire. */
export function sampleContext({ now, settings }: BuildContext): SampleContext {
  return {
    now,
    settings,
    fresh: (prefix = "") => prefix + randomBytes(8).toString("hex"),
    bareId: () => new LosslessNumber(`1441152${String(randomBytes(5).readUIntBE(0, 5) % 1e11).padStart(11, "0")}`),
  };
}

function templatesOf(tooling: PlatformTooling): CallbackTemplate[] {
  const platform = tooling.platform.name;
  const ownFunction = (short: string) => (existsSync(join(FUNCTIONS_DIR, short)) ? short : tooling.oneUrlFunction);
  const templates: CallbackTemplate[] = tooling.catalog.map(({ definition, description, sample, file }) => {
    const short = `${platform}-${file}`;
    return {
      name: short,
      callback: definition.name,
      aliases: definition.aliases ?? [],
      description,
      platform,
      fn: ownFunction(short),
      build: (context) => built(tooling, definition.name, sample, context),
    };
  });
  const interfaces = tooling.interfaces;
  for (const { definition, description, sample, file } of interfaces?.catalog ?? []) {
    const short = `${platform}-${file}`;
    templates.push({
      name: short,
      callback: definition.name,
      aliases: definition.aliases ?? [],
      description,
      platform,
      fn: existsSync(join(FUNCTIONS_DIR, short)) ? short : interfaces!.prefixFunction,
      segment: { name: definition.name, prefixFunction: interfaces!.prefixFunction },
      build: (context) => {
        const ctx = sampleContext(context);
        return interfaces!.request(sample(ctx), ctx);
      },
    });
  }
  const unknown = tooling.unknown;
  if (unknown) {
    templates.push({
      name: `${platform}-unknown`,
      callback: unknown.name,
      aliases: [],
      description: `${unknown.name}, a callback with no schema here: passed on by the one-URL function`,
      platform,
      fn: tooling.oneUrlFunction,
      build: (context) => built(tooling, unknown.name, unknown.sample, context),
    });
  }
  return templates;
}

function built(tooling: PlatformTooling, name: string, sample: (ctx: SampleContext) => Record<string, unknown>, context: BuildContext): UnsignedCallback {
  const ctx = sampleContext(context);
  return tooling.request(name, sample(ctx), ctx);
}

export const CATALOGUE: readonly CallbackTemplate[] = PLATFORM_TOOLING.flatMap(templatesOf);

/** By short name, the platform's own name, or an alias. */
export function findCallback(name: string): CallbackTemplate | undefined {
  return CATALOGUE.find((c) => c.name === name) ?? CATALOGUE.find((c) => c.callback === name || c.aliases.includes(name));
}
