/**
 * What a well-formed answer of each platform looks like, as strict schemas: tests and fuzz
 * properties assert every answer against these, not just "did not throw".
 */
import * as z from "zod/mini";

/** The statuses DESIGN.md documents for an answer. */
export const DOCUMENTED_STATUSES = [200, 400, 401, 403, 405, 413, 500, 503] as const;

export const tencentAckSchema = z.strictObject({
  ActionStatus: z.enum(["OK", "FAIL"]),
  ErrorInfo: z.string(),
  ErrorCode: z.int(),
});

export const sudAckSchema = z.strictObject({ ret_code: z.int(), ret_msg: z.string() });

export const yuanjingSuccessSchema = z.strictObject({
  result: z.strictObject({
    code: z.literal("0"),
    message: z.string(),
    data: z.strictObject({ message: z.string(), consume_state: z.int() }),
  }),
});

export const yuanjingErrorSchema = z.strictObject({
  error_response: z.strictObject({
    code: z.literal(50),
    msg: z.string(),
    sub_code: z.string().check(z.regex(/^isv\.[a-z-]+$/)),
    sub_msg: z.string(),
  }),
});

interface AnswerLike {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Why `answer` is not a well-formed ack of `platform`; undefined when it is. */
export function ackProblem(platform: "tencent" | "sud" | "yuanjing", answer: AnswerLike): string | undefined {
  if (!(DOCUMENTED_STATUSES as readonly number[]).includes(answer.status)) return `status ${answer.status} is not documented`;
  const type = answer.headers["content-type"] ?? "";
  if (platform === "yuanjing" && type.startsWith("application/xml")) return xmlProblem(answer);
  if (!type.startsWith("application/json")) return `content-type ${type} is not JSON`;
  let body: any;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return `body is not JSON: ${answer.body.slice(0, 80)}`;
  }
  const ok = answer.status === 200;
  if (platform === "tencent") {
    const parsed = tencentAckSchema.safeParse(body);
    if (!parsed.success) return `not a Tencent ack: ${answer.body}`;
    // A quarantined callback is a FAIL answered with 200: Tencent counts only non-200 answers as failed callbacks.
    const quarantined = parsed.data.ActionStatus === "FAIL" && parsed.data.ErrorCode !== 0 && parsed.data.ErrorInfo.startsWith("quarantined: ");
    if (ok !== (quarantined || (parsed.data.ActionStatus === "OK" && parsed.data.ErrorCode === 0))) return `status ${answer.status} disagrees with ${answer.body}`;
  } else if (platform === "sud") {
    const parsed = sudAckSchema.safeParse(body);
    if (!parsed.success) return `not a SUD ack: ${answer.body}`;
    if (ok !== (parsed.data.ret_code === 0)) return `status ${answer.status} disagrees with ${answer.body}`;
  } else {
    const schema = ok ? yuanjingSuccessSchema : yuanjingErrorSchema;
    if (!schema.safeParse(body).success) return `not a 元镜 ${ok ? "success" : "error"} answer: ${answer.body}`;
  }
  return undefined;
}

function xmlProblem(answer: AnswerLike): string | undefined {
  const root = answer.status === 200 ? "alibaba_fc_cloud_rendering_sessionlifecyclenotify_response" : "error_response";
  const pattern = new RegExp(`^<\\?xml version="1\\.0" encoding="utf-8"\\?><${root}>[\\s\\S]*</${root}>$`);
  return pattern.test(answer.body) ? undefined : `not a 元镜 XML answer: ${answer.body.slice(0, 120)}`;
}
