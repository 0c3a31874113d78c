// The few type checks a hand-written receiver makes on required fields.
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
export const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;
export const isInt = (v: unknown): v is number => Number.isInteger(v);
/** An id documented as a string that may arrive as a bare (possibly kept-as-string) number. */
export const isId = (v: unknown): boolean => typeof v === "string" || Number.isInteger(v);
export const isNumeric = (v: unknown): boolean => typeof v === "number" || (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v));
