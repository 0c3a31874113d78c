import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { joinedHeaders, type RawRequest } from "../http/raw-request";

export interface AccessKey {
  readonly id: string;
  readonly secret: string;
}

/**
 * Checks an FC 2.0 API signature (`Authorization: FC <keyId>:<base64 HMAC-SHA256>`) the way FC does:
 * method, Content-MD5, Content-Type, Date, the sorted x-fc-* headers, then the path. Returns why it
 * fails, or undefined when it verifies. FC 3.0's ACS3 signatures are accepted without being checked.
 */
export function checkFcSignature(raw: RawRequest, key: AccessKey): { code: string; message: string } | undefined {
  const headers = joinedHeaders(raw, true);
  const authorization = headers.authorization;
  if (!authorization) return { code: "MissingAuthorization", message: "the request is not signed: use an FC SDK (npm run invoke -- --local)" };
  if (authorization.startsWith("ACS3-")) return undefined;
  const match = /^FC ([^:]+):(.+)$/.exec(authorization);
  if (!match) return { code: "InvalidAuthorization", message: "Authorization is neither `FC <key>:<signature>` nor ACS3" };
  if (match[1] !== key.id) return { code: "InvalidAccessKeyId.NotFound", message: `access key ${match[1]} is not the emulator's (ALIBABA_CLOUD_ACCESS_KEY_ID)` };

  const md5 = headers["content-md5"];
  if (md5 && md5 !== Buffer.from(createHash("md5").update(raw.body).digest("hex")).toString("base64")) {
    return { code: "InvalidArgument", message: "Content-MD5 does not match the body" };
  }
  const fcHeaders = Object.keys(headers)
    .filter((name) => name.startsWith("x-fc-"))
    .sort()
    .map((name) => `${name}:${headers[name]}\n`)
    .join("");
  const stringToSign = `${raw.method}\n${md5 ?? ""}\n${headers["content-type"] ?? ""}\n${headers.date ?? ""}\n${fcHeaders}${decodeURIComponent(raw.path)}`;
  const expected = Buffer.from(createHmac("sha256", key.secret).update(stringToSign, "utf8").digest("base64"));
  const received = Buffer.from(match[2]!);
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) {
    return { code: "SignatureNotMatch", message: "the request signature does not match: check ALIBABA_CLOUD_ACCESS_KEY_SECRET" };
  }
  return undefined;
}
