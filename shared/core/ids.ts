/**
 * A dedupe id from several parts of free text. Each part has `%` and `:` percent-encoded before
 * the parts are joined with `:`, so the id stays readable and two different lists of parts can
 * never give the same id (a part holding ":" cannot pose as two parts). A part left out (undefined)
 * is written `%`, which no encoded text can be: an optional field absent and sent empty differ.
 */
export function composeId(...parts: ReadonlyArray<string | number | bigint | undefined>): string {
  let id = "";
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const text = part === undefined ? "%" : String(part);
    id += (i === 0 ? "" : ":") + (part !== undefined && SPECIAL.test(text) ? text.replace(SPECIAL_ALL, percentEncode) : text);
  }
  return id;
}

const SPECIAL = /[%:]/;
const SPECIAL_ALL = /[%:]/g;
const percentEncode = (c: string) => (c === "%" ? "%25" : "%3A");
