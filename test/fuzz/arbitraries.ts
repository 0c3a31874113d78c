/** fast-check arbitraries shared by the fuzz properties: odd requests, and ways to alter a body. */
import fc from "fast-check";
import type { InboundRequest } from "../../shared/core/inbound";

/** Few runs per property keep the suite fast; a failure prints the seed to replay it. */
export const RUNS = { numRuns: 300 } as const;

const headerName = fc.oneof(
  fc.constantFrom("content-type", "Sud-AppId", "sud-timestamp", "SUD-NONCE", "Sud-Signature", "top-sign-list", "X-Any", "__proto__", "constructor"),
  fc.string({ minLength: 1, maxLength: 20 }),
);
const queryName = fc.oneof(
  fc.constantFrom("SdkAppid", "sdkappid", "CallbackCommand", "Sign", "RequestTime", "sign", "timestamp", "sign_method", "format", "fc_group", "request_param", "__proto__"),
  fc.string({ maxLength: 20 }),
);

/** Header and query records with names the platforms read, and any others. */
export const headersArb = fc.dictionary(headerName, fc.string({ maxLength: 60 }), { maxKeys: 8 });
export const queryArb = fc.dictionary(queryName, fc.string({ maxLength: 60 }), { maxKeys: 8 });

/** Bodies: random bytes, random text, random JSON (also with big integers), JSON-ish fragments. */
export const bodyArb = fc.oneof(
  fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ maxLength: 300 }).map((text) => Buffer.from(text, "utf8")),
  fc.json({ maxDepth: 4 }).map((text) => Buffer.from(text, "utf8")),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }).map((n) => Buffer.from(`{"Owner_Account":${n},"notify_id":"x","request_param":{"time":${n}}}`)),
  fc.constantFrom("", "{", "}", "[]", "null", '{"__proto__":{"a":1}}', '{"a":1,"a":2,"n":12345678901234567890}').map((t) => Buffer.from(t)),
);

export const methodArb = fc.constantFrom("POST", "GET", "PUT", "DELETE", "OPTIONS", "post");

/** A whole random HTTP request or direct invocation, received at `now`. */
export function inboundArb(now: number): fc.Arbitrary<InboundRequest> {
  return fc
    .record({
      transport: fc.constantFrom("http" as const, "invoke" as const),
      method: methodArb,
      query: queryArb,
      headers: headersArb.map((h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]))),
      body: bodyArb,
    })
    .map((r) => ({ ...r, path: "/", receivedAt: now }));
}

/** One change to a byte string that always makes it different: flip, append, remove, or insert. */
export type Alteration =
  | { kind: "flip"; at: number; mask: number }
  | { kind: "append"; bytes: Uint8Array }
  | { kind: "remove"; at: number; count: number }
  | { kind: "insert"; at: number; bytes: Uint8Array };

export const alterationArb: fc.Arbitrary<Alteration> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("append" as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant("remove" as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }),
);

export function alter(body: Buffer, change: Alteration): Buffer {
  const out = Buffer.from(body);
  switch (change.kind) {
    case "flip": {
      if (out.length === 0) return Buffer.from([change.mask]);
      const at = change.at % out.length;
      out[at] = out[at]! ^ change.mask;
      return out;
    }
    case "append":
      return Buffer.concat([out, change.bytes]);
    case "remove": {
      if (out.length === 0) return Buffer.from(" ");
      const at = change.at % out.length;
      return Buffer.concat([out.subarray(0, at), out.subarray(at + change.count)]);
    }
    case "insert": {
      const at = out.length === 0 ? 0 : change.at % (out.length + 1);
      return Buffer.concat([out.subarray(0, at), change.bytes, out.subarray(at)]);
    }
  }
}

export interface JsonEdit {
  readonly pick: number;
  readonly drop: boolean;
  readonly value: unknown;
}

/** A random change somewhere inside a JSON document: drop a key, or put `value` (any JSON by default) in its place. */
export const jsonEditArb = (value: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 })): fc.Arbitrary<JsonEdit> => fc.record({ pick: fc.nat(), drop: fc.boolean(), value });

/** Applies one edit in place: the `pick`-th slot of a depth-first walk (array items are replaced, never dropped). */
export function applyEdit(doc: any, edit: { pick: number; drop: boolean; value: unknown }): void {
  const slots: Array<[any, string | number]> = [];
  const walk = (node: any) => {
    if (typeof node !== "object" || node === null) return;
    for (const key of Object.keys(node)) {
      slots.push([node, Array.isArray(node) ? Number(key) : key]);
      walk(node[key]);
    }
  };
  walk(doc);
  if (slots.length === 0) return;
  const [parent, key] = slots[edit.pick % slots.length]!;
  if (edit.drop && !Array.isArray(parent)) delete parent[key];
  else parent[key] = edit.value;
}
