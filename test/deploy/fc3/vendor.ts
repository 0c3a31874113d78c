import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Files from Serverless Devs' fc3 component (MIT, see LICENSE here): the JSON schema of a resource's
 * `props` and a real FC 3.0 HTTP-trigger event. The team's notes beside the checkout
 * (../shared/vendor/fc3) are the source; this folder holds a copy so a lone clone (CI) has them too.
 */
export function fc3Vendor(file: "props.schema.json" | "http-trigger-event.json"): unknown {
  const notes = fileURLToPath(new URL(`../../../../shared/vendor/fc3/${file}`, import.meta.url));
  const copy = fileURLToPath(new URL(`./${file}`, import.meta.url));
  return JSON.parse(readFileSync(existsSync(notes) ? notes : copy, "utf8"));
}

/** True when the notes are beside the checkout and the copy here differs from them. */
export function fc3CopyIsStale(file: "props.schema.json" | "http-trigger-event.json"): boolean {
  const notes = fileURLToPath(new URL(`../../../../shared/vendor/fc3/${file}`, import.meta.url));
  const copy = fileURLToPath(new URL(`./${file}`, import.meta.url));
  return existsSync(notes) && readFileSync(notes, "utf8") !== readFileSync(copy, "utf8");
}
