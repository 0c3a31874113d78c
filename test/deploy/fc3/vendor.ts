import { readFileSync } from "node:fs";

export type Fc3VendorFile = "props.schema.json" | "http-trigger-event.json";

/**
 * Files from Serverless Devs' fc3 component (MIT, see LICENSE here): the JSON schema of a resource's
 * `props` and a real FC 3.0 HTTP-trigger event, kept in the repository so every clone tests the same.
 */
export function fc3VendorBytes(file: Fc3VendorFile): Buffer {
  return readFileSync(new URL(`./${file}`, import.meta.url));
}

export function fc3Vendor(file: Fc3VendorFile): unknown {
  return JSON.parse(fc3VendorBytes(file).toString("utf8"));
}
