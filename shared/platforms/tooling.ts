/** Every platform's own description of itself, for the tooling (never in a function's bundle). */
import type { PlatformName } from "../core/event";
import { sudTooling } from "./sud/tooling";
import { tencentTooling } from "./tencent/tooling";
import type { PlatformTooling } from "./tooling-kit";
import { yuanjingTooling } from "./yuanjing/tooling";

export type * from "./tooling-kit";

export const PLATFORM_TOOLING: readonly PlatformTooling[] = [tencentTooling, sudTooling, yuanjingTooling];

export function toolingOf(name: PlatformName): PlatformTooling {
  return PLATFORM_TOOLING.find((t) => t.platform.name === name)!;
}
