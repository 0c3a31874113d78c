import type { AnyAnswering, FallbackWhy } from "../core/answering";
import { choiceSetting } from "../core/config";
import type { Refusal } from "../core/outcome";
import { misconfigured } from "../core/protocol";
import type { AnsweringOptions } from "./answer";

/** An answering callback of the function and its default, read at cold start. */
export interface Served {
  readonly definition: AnyAnswering;
  readonly fallback: { readonly chosen: string; answer(why: FallbackWhy): unknown };
}

/** Each answering callback's default, by name; `problem` refuses the callbacks whose setting was bad. */
export interface Defaults {
  readonly served: ReadonlyMap<string, Served>;
  readonly problem: Refusal | undefined;
}

/**
 * Reads each answering callback's default once (a bad setting refuses its callbacks, naming the
 * variable) and says once which have no handler, with the default in force. Part of the bundle, not of
 * answer.js: a cold start warns of a missing handler whatever its first request is.
 */
export function readDefaults(options: AnsweringOptions, definitions: readonly AnyAnswering[]): Defaults {
  const { platform, handlers, log } = options;
  const served = new Map<string, Served>();
  let problem: Refusal | undefined;
  for (const definition of definitions) {
    try {
      const spec = definition.answers.fallback;
      const chosen = spec.setting ? choiceSetting(options.env, spec.setting, Object.keys(spec.answers), spec.default) : spec.default;
      const fallback = { chosen, answer: spec.answers[chosen]! };
      served.set(definition.name, { definition, fallback });
      if (typeof handlers[definition.name] !== "function") {
        log("warn", "no handler for an answering callback", {
          platform: platform.name,
          callback: definition.name,
          default: fallback.chosen,
          ...(spec.setting ? { setting: spec.setting } : {}),
        });
      }
    } catch (error) {
      problem ??= misconfigured(platform.name, error, log);
    }
  }
  return { served, problem };
}
