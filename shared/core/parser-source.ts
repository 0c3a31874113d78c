// The code of a schema's parser, written from the schema alone (shared/core/compiled-schema.ts runs it). A
// callback function's bundle loads this file as a chunk (parser-source.js), the first time a schema has no
// parser written by the build (scripts/build.mjs writes one per named schema, with this same code).
import type { core } from "zod/mini";

// zod's internals (`_zod`), typed loosely: the shapes below follow zod/v4/core/schemas.js and checks.js.
export type Node = core.$ZodType & { _zod: any };
/** Statements that leave the node's output in `out` (an expression), or run `fail` when zod would refuse. */
type Code = [code: string, out: string];

/**
 * A value a parser takes by reference: one of the schema's own (a set, a pattern, a transform's def, a
 * check's function), a parser made from one of its nodes (zod's, or compiled), or the set of an object's
 * declared keys. Kept as a description, so that a build can write where each one is found in the schema
 * (shared/core/prebuilt-parser.ts) and a cold start need not generate the parser at all.
 */
export type Ref = { readonly value: unknown } | { readonly zod: object } | { readonly parser: object } | { readonly keys: readonly string[] };

/**
 * The body of a schema's parser (run as `new Function("r", "R", source)(refs resolved, REFUSED)`) and the
 * values it takes by reference. Exported for the test that holds a schema built by zod and by zod-lite to the same
 * parser; throws on a schema past what is written here.
 */
export function parserSource(schema: object): { source: string; refs: Ref[] } {
  const refs: Ref[] = [];
  const open = new Set<object>();
  let n = 0;
  // Variables and labels alike (JavaScript keeps their names apart).
  const v = () => `v${++n}`;
  const to = (r: Ref): string => `r[${refs.push(r) - 1}]`;
  const ref = (value: unknown): string => to({ value });
  /** `fn(input)` by reference: a parser compiled on its own, or zod. */
  const call = (fn: Ref, input: string, fail: string): Code => {
    const out = v();
    return [`${out}=${to(fn)}(${input});if(${out}===R)${fail}`, out];
  };
  const num = (value: unknown): string => (Number.isSafeInteger(value) ? JSON.stringify(value) : ref(value));

  function node(n: Node, input: string, fail: string): Code {
    // A recursive schema: the inner occurrence calls the parser being built.
    if (open.has(n)) return call({ parser: n }, input, fail);
    const z = n._zod;
    const def = z.def;
    open.add(n);
    const typed = type(n, def, input, fail);
    open.delete(n);
    if (!typed) return call({ zod: n }, input, fail);
    let [code, out] = typed;
    // A node that is its own check (z.int(), z.custom()) runs itself first, then the checks added to it.
    for (const c of z.traits.has("$ZodCheck") ? [n, ...(def.checks ?? [])] : (def.checks ?? [])) {
      const checked = check(c._zod.def, out, fail);
      if (checked === undefined) return call({ zod: n }, input, fail);
      code += checked;
    }
    return [code, out];
  }

  /** A check as zod runs it after its node's parse (`when` decides whether it runs at all). */
  function check(def: any, o: string, fail: string): string | undefined {
    const { check, when, minimum: min, pattern, fn, format } = def;
    let test: string;
    let r: string;
    if (check === "min_length")
      // zod counts a string's code points (a string iterates by code point, a lone surrogate as one).
      test = `${o}.length>=${num(min)}&&(typeof ${o}!=="string"||${o}.length>=${num(min * 2)}||[...${o}].length>=${num(min)})`;
    else if (check === "string_format" && format === "regex") test = `(${(r = ref(pattern))}.lastIndex=0,${r}.test(${o}))`;
    else if (check === "number_format" && format === "safeint") test = `Number.isSafeInteger(${o})`;
    else if (check === "custom") {
      // A promise is zod's async error: zod is run and throws it.
      r = v();
      test = `(${r}=${ref(fn)}(${o}),!!${r}&&!(${r} instanceof Promise))`;
    } else return undefined;
    const code = `if(!(${test}))${fail}`;
    return when ? `if(${ref(when)}({value:${o},issues:[]})){${code}}` : code;
  }

  function type(n: Node, def: any, i: string, fail: string): Code | undefined {
    const z = n._zod;
    const traits: Set<string> = z.traits;
    const is = (test: string): Code => [`if(!(${test}))${fail}`, i];
    const out = v();
    // `inner` wrapped: absent (undefined) or null is itself, anything else is the inner node's.
    const wrap = (when: string, [code, inner]: Code): Code => [`if(${i}===${when})${out}=${when};else{${code}${out}=${inner}}`, out];
    if (def.coerce) return undefined;
    switch (def.type) {
      case "number":
        return is(`typeof ${i}==="number"&&Number.isFinite(${i})`);
      case "string":
      case "boolean":
      case "bigint":
        return is(`typeof ${i}===${JSON.stringify(def.type)}`);
      case "null":
        return is(`${i}===null`);
      case "undefined":
        return is(`${i}===undefined`);
      case "unknown":
      case "any":
      case "custom":
        return ["", i];
      case "literal":
      case "enum":
        return is(`${ref(z.values)}.has(${i})`);
      case "optional":
        // An exact optional, or a defaulted inner (no catalog schema has one), is zod's.
        if (traits.has("$ZodExactOptional") || def.innerType._zod.optin === "defaulted") return undefined;
        return wrap("undefined", node(def.innerType, i, fail));
      case "nullable":
        return wrap("null", node(def.innerType, i, fail));
      case "pipe": {
        if (traits.has("$ZodCodec") || traits.has("$ZodPreprocess")) return undefined;
        const [left, mid] = node(def.in, i, fail);
        const [right, o] = node(def.out, mid, fail);
        return [left + right, o];
      }
      case "transform": {
        // The transform's context is zod's payload: an issue pushed there refuses.
        const p = v();
        return [`${p}={value:${i},issues:[]};${out}=${ref(def)}.transform(${i},${p});if(${out} instanceof Promise||${p}.issues.length>0)${fail}`, out];
      }
      case "union": {
        // Exclusive unions (xor, discriminated) decide otherwise: left to zod.
        if (def.inclusive === false) return undefined;
        // Each option is exact, so the first that takes the value is the one zod picks.
        const done = v();
        let code = "";
        for (const option of def.options) {
          const next = v();
          const [c, o] = node(option, i, `break ${next};`);
          code += `${next}:{${c}${out}=${o};break ${done}}`;
        }
        return [`${done}:{${code}${fail}}`, out];
      }
      case "array": {
        const k = v();
        const e = v();
        const [code, element] = node(def.element, e, fail);
        return [`if(!Array.isArray(${i}))${fail}${out}=new Array(${i}.length);for(${k}=0;${k}<${i}.length;${k}++){${e}=${i}[${k}];${code}${out}[${k}]=${element}}`, out];
      }
      case "object":
        return object(def, i, out, fail);
    }
    return undefined;
  }

  /**
   * The declared keys settled as zod's handlePropertyResult does, then the unknown ones. `optin` and
   * `optout` say what absence means (optional in and out: left out, unparsed; defaulted: substituted).
   */
  function object(def: any, i: string, out: string, fail: string): Code | undefined {
    const shape = def.shape;
    if (Object.getOwnPropertySymbols(shape).length) return undefined;
    let code = `if(typeof ${i}!=="object"||${i}===null||Array.isArray(${i}))${fail}${out}={};`;
    for (const key of Object.keys(shape)) {
      if (key === "__proto__") continue;
      const k = JSON.stringify(key);
      const field = shape[key] as Node;
      const { optin, optout } = field._zod;
      const optional = optout === "optional";
      const value = v();
      const present = `(${value}!==undefined||${k} in ${i})`;
      code += `${value}=${i}[${k}];`;
      if (optional && optin === "optional") {
        const [c, o] = node(field, value, fail);
        code += `if${present}{${c}${out}[${k}]=${o}}`;
        continue;
      }
      // Absent, an optional key's refusal is forgiven; absent, a required key refuses even when undefined passes.
      const skip = v();
      const [c, o] = node(field, value, optional && optin ? `{if(!${present})break ${skip};${fail}}` : fail);
      const required = optin ? "" : `if(${value}===undefined&&!(${k} in ${i}))${fail}`;
      const always = !optin || (optin === "defaulted" && !optional);
      code += `${skip}:{${c}${required}${always ? "" : `if(${o}!==undefined||${present})`}${out}[${k}]=${o}}`;
    }
    const rest = def.catchall?._zod.def.type;
    if (rest === undefined) return [code, out];
    // Unknown keys: dropped (z.object), kept as they are (looseObject), refused (strictObject), or parsed.
    // Never copied: assigning __proto__ to a plain object would replace its prototype.
    // Present (for...in found it): a refusal refuses, and whatever came out is written.
    const k = v();
    const each =
      rest === "never"
        ? fail
        : `if(${k}!=="__proto__"&&(${out}[${k}]=${rest === "unknown" || rest === "any" ? `${i}[${k}]` : `${to({ parser: def.catchall })}(${i}[${k}])`})===R)${fail}`;
    return [`${code}for(${k} in ${i}){if(${to({ keys: Object.keys(shape) })}.has(${k}))continue;${each}}`, out];
  }

  const [code, out] = node(schema as Node, "v0", "return R;");
  // Every variable is declared once, at the top: n counts labels too, an unused name costs nothing.
  const vars = Array.from({ length: n }, (_, i) => `v${i + 1}`);
  // In parentheses, V8 compiles the parser with its wrapper (which runs at once) instead of preparsing
  // it now and parsing it again at its first call.
  return { source: `return (function(v0){let ${vars};${code}return ${out}})`, refs };
}
