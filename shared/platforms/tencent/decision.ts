import * as z from "zod/mini";
import type { AnswerSpec } from "../../core/answering";
import { type Answer, JSON_TYPE } from "../../core/platform";

/** A denial's client-visible message. */
export const errorInfo = z.string();

/** The decision word of one form of answer, typed as a literal (a refine costs the bundle less than z.literal). */
export const decision = <const W extends string>(word: W) => z.string().check(z.refine((value) => value === word)) as unknown as z.ZodMiniType<W, string>;

/** A code Tencent passes through to the sending client with ErrorInfo, in its documented range. */
export const passedCode = (min: number, max: number) => z.int().check(z.refine((code) => code >= min && code <= max));

/**
 * A Before callback's answer: `ActionStatus` OK, `ErrorCode` 0 to allow, anything else to block
 * (Tencent's own samples answer a block with OK too), `ErrorInfo` always a string. HTTP 200: a
 * non-200 status is a failed callback, which Tencent treats as its timeout default.
 */
export function decisionAnswer(errorCode: number, info: string, extra?: Readonly<Record<string, unknown>>): Answer {
  return { status: 200, headers: JSON_TYPE, body: JSON.stringify({ ActionStatus: "OK", ErrorCode: errorCode, ErrorInfo: info, ...extra }) };
}

/**
 * The default of a Before callback when the app gives no answer: `allow` or `deny`, chosen by `setting`,
 * unset meaning what Tencent itself does when the answer times out.
 */
export function decisionDefault<A>(setting: string, tencentDefault: "allow" | "deny", answers: { allow: A; deny: (why: string) => A }): AnswerSpec<A>["fallback"] {
  return { setting, default: tencentDefault, answers: { allow: () => answers.allow, deny: (why) => answers.deny(`${setting}=deny (${why})`) } };
}
