import * as z from "zod/mini";
import type { AnswerSpec } from "../../../core/answering";
import { type CallbackSpec, lazy } from "../../../core/callback";
import { type Answer, JSON_TYPE } from "../../../core/platform";

/**
 * What an app-server handler returns: the interface's `data`, or a business error that SUD shows to
 * the game (`ret_code` not 0, `ret_msg`, and `sdk_error_code` where SUD defines one: 1005 for an
 * expired code or token).
 */
export type SudAnswer<D> = { readonly data: D } | { readonly error: SudBusinessError };
export interface SudBusinessError {
  readonly ret_code: number;
  readonly ret_msg: string;
  readonly sdk_error_code?: number;
}

/** `sdk_error_code` for an expired code or SSToken, as SUD requires. */
export const SDK_TOKEN_EXPIRED = 1005;

const businessError = lazy(() =>
  z.looseObject({
    ret_code: z.int().check(z.refine((code) => code !== 0)),
    ret_msg: z.string(),
    sdk_error_code: z.optional(z.int()),
  }),
);

/** A field the answer carries to SUD but the event keeps out of every log line and target (a bearer token). */
export function concealing<T extends object>(schema: z.ZodMiniType<T, any>, fields: readonly (keyof T & string)[]) {
  return z.pipe(
    schema,
    z.transform((value: T) => {
      for (const field of fields) if (field in value) Object.defineProperty(value, field, { enumerable: false });
      return value;
    }),
  );
}

/** The answer spec of one interface: `data` per `dataSchema`, or a business error; "not implemented" without a handler. */
export function sudAnswers<D extends object>(name: string, dataSchema: () => z.ZodMiniType<D, any>, concealed: readonly string[] = []): CallbackSpec<AnswerSpec<SudAnswer<D>>> {
  const error = (ret_msg: string): SudAnswer<D> => ({ error: { ret_code: 1, ret_msg } });
  return {
    // One or the other: an answer with both `data` and `error` is ambiguous, so off-shape.
    schema: () =>
      z.union([
        z.looseObject({ data: dataSchema(), error: z.optional(z.undefined()) }),
        z.looseObject({ error: businessError(), data: z.optional(z.undefined()) }),
      ]) as unknown as z.ZodMiniType<SudAnswer<D>, unknown>,
    fallback: {
      default: "not implemented",
      answers: {
        "not implemented": (why) =>
          why === "missing" ? error(`not implemented: the app server has no handler for ${name}`) : error(`the app server could not answer ${name} (${why})`),
      },
    },
    toPlatform(answer): Answer {
      // The schema lets only one of the two be there (a key present as undefined counts as absent).
      const { error: failure, data: given } = answer as { error?: SudBusinessError; data?: Record<string, unknown> };
      if (failure !== undefined) {
        const { ret_code, ret_msg, sdk_error_code } = failure;
        return json({ ret_code, ret_msg, ...(sdk_error_code === undefined ? {} : { sdk_error_code }), data: {} });
      }
      // Concealed fields are not enumerable: written here by name.
      const data: Record<string, unknown> = { ...given };
      for (const field of concealed) if (field in given!) data[field] = given![field];
      return json({ ret_code: 0, ret_msg: "SUCCESS", sdk_error_code: 0, data });
    },
  };
}

const json = (body: unknown): Answer => ({ status: 200, headers: JSON_TYPE, body: JSON.stringify(body) });
