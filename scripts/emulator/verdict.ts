/**
 * What a function's answer says, read the way its platform reads it (each platform's tooling knows
 * its dialect). Used by the emulator's log line and by the sender's exit code, so both agree on what
 * "accepted" means.
 */
import { PLATFORM_TOOLING, type Verdict } from "../../shared/platforms/tooling";

export type { Verdict } from "../../shared/platforms/tooling";

export function readVerdict(status: number, body: string): Verdict {
  const json = parseObject(body);
  for (const tooling of PLATFORM_TOOLING) {
    const read = tooling.readAnswer(status, body, json);
    if (read) return read;
  }
  return { accepted: false, kind: "error", detail: `HTTP ${status}: not a platform ack: ${body.slice(0, 160)}` };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
