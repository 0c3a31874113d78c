import { sha256Hex } from "../core/crypto";
import type { PlatformName } from "../core/event";
import { composeId } from "../core/ids";
import { eventKey } from "./wire";

/**
 * The dedupe key under which a quarantined callback is remembered, so that the platform's retries of
 * it are not kept again. A callback that cannot pass may have no dedupe id: it is named by the
 * platform's own id of the notification when its envelope could be read (SUD `notify_id`), else by
 * a digest of the exact body (a retry sends the same body, signed anew in headers or query).
 */
export function quarantineKey(platform: PlatformName, envelopeId: string | undefined, body: Buffer): string {
  const id = envelopeId === undefined ? composeId("sha256", sha256Hex(body)) : composeId("envelope", envelopeId);
  return `quarantine:${eventKey({ platform, id })}`;
}
