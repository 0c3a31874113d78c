// zod itself, built as zod.js beside a callback function's main.js: loaded by shared/core/zod-lite.ts the
// first time a node needs its zod twin (a refusal to word, a node the compiled parser leaves to zod).
// Exactly the calls zod-lite records, so the chunk carries no more of zod than they need.
export {
  array,
  bigint,
  boolean,
  custom,
  extend,
  int,
  literal,
  looseObject,
  minLength,
  nullable,
  never,
  number,
  object,
  optional,
  pipe,
  refine,
  regex,
  strictObject,
  string,
  transform,
  undefined,
  union,
  unknown,
} from "zod/mini";
