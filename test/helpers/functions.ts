/**
 * The callback functions' specs, read from the functions themselves: the list the dead-letter redrive
 * replays through (`functions/dead-letter-redrive/functions.ts`), each the spec its own handler carries
 * (platform, callbacks, handlers). Tests drive a spec through `createProcessor` with injected env,
 * clock and targets; the e2e suite runs the real bundles.
 */
import type { AnyCallback } from "../../shared/core/callback";
import type { PlatformName } from "../../shared/core/event";
import type { FunctionSpec } from "../../shared/function";
import { type CallbackFunctionName, FUNCTION_SPECS as OWN_SPECS } from "../../functions/dead-letter-redrive/functions";

export type AnySpec = FunctionSpec<any, any, readonly AnyCallback[]>;

export type FunctionName = CallbackFunctionName;
/** Without the functions' own handlers (the business logic): tests bring theirs. */
export const FUNCTION_SPECS = Object.fromEntries(Object.entries(OWN_SPECS).map(([name, spec]) => [name, { ...(spec as AnySpec), handlers: undefined }])) as Readonly<
  Record<FunctionName, AnySpec>
>;
export const FUNCTION_NAMES = Object.keys(FUNCTION_SPECS) as FunctionName[];
/** The platform a function serves, as its spec says; undefined for the redrive, which serves none. */
export const platformOf = (fn: string): PlatformName | undefined => (FUNCTION_SPECS as Record<string, AnySpec | undefined>)[fn]?.platform.name;
