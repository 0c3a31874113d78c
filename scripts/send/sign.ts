/**
 * Signs a built callback exactly as its platform does, with the project's own sign functions. A
 * time or nonce already present (set by the user) is signed as it is.
 */
import { randomBytes } from "node:crypto";
import { stringify } from "lossless-json";
import { sudSignature } from "../../shared/platforms/sud/sign";
import { tencentSign } from "../../shared/platforms/tencent/sign";
import { topParams } from "../../shared/platforms/yuanjing/params";
import { formatTopTimestamp, topSignOf } from "../../shared/platforms/yuanjing/sign";
import type { PlatformName, UnsignedCallback } from "./catalogue";

/** A callback ready to send: the body is the exact text that was signed. */
export interface SignedCallback {
  readonly method: "POST";
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Why the request carries no signature, when it does not. */
  readonly unsignedBecause?: string;
}

export interface SignOptions {
  readonly settings: Readonly<Record<string, string | undefined>>;
  readonly now: number;
  /** Sign with a wrong secret: the signature is well-formed and does not verify. */
  readonly badSignature?: boolean;
}

/** The first of a comma-separated list (the functions accept several during a rotation). */
const first = (list: string | undefined) => list?.split(",").map((s) => s.trim()).find(Boolean);
const spoil = (secret: string, bad: boolean | undefined) => (bad ? `${secret}-not-the-secret` : secret);

export function signCallback(platform: PlatformName, callback: UnsignedCallback, options: SignOptions): SignedCallback {
  const body = stringify(callback.body) ?? "";
  const query = { ...callback.query };
  const headers = { ...callback.headers };
  const { settings, now, badSignature } = options;

  if (platform === "tencent-live") {
    const token = first(settings.TENCENT_CALLBACK_TOKEN);
    if (!token) return { method: "POST", query, headers, body, unsignedBecause: "TENCENT_CALLBACK_TOKEN is not set" };
    const requestTime = query.RequestTime ?? String(Math.floor(now / 1000));
    return { method: "POST", query: { ...query, RequestTime: requestTime, Sign: tencentSign(spoil(token, badSignature), requestTime) }, headers, body };
  }

  if (platform === "sud") {
    const appId = settings.SUD_APP_ID ?? "";
    const secret = first(settings.SUD_APP_SECRET);
    if (!secret) return { method: "POST", query, headers, body, unsignedBecause: "SUD_APP_SECRET is not set" };
    const timestamp = headers["Sud-Timestamp"] ?? String(Math.floor(now / 1000));
    const nonce = headers["Sud-Nonce"] ?? randomBytes(12).toString("base64url").slice(0, 16);
    const signature = sudSignature(spoil(secret, badSignature), appId, timestamp, nonce, body);
    return { method: "POST", query, headers: { ...headers, "Sud-AppId": appId, "Sud-Timestamp": timestamp, "Sud-Nonce": nonce, "Sud-Signature": signature }, body };
  }

  const secret = first(settings.YUANJING_APP_SECRET);
  const signedQuery = { ...query, timestamp: query.timestamp ?? formatTopTimestamp(now) };
  if (!secret) return { method: "POST", query: signedQuery, headers, body, unsignedBecause: "YUANJING_APP_SECRET is not set" };
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const request = { transport: "http", method: "POST", path: "/", query: signedQuery, headers: lower, body: Buffer.from(body, "utf8"), receivedAt: now } as const;
  const params = topParams(request);
  // A parameter set in two places (--set) has no one value to sign: sent as is, the function names the clash.
  if (!params.ok) return { method: "POST", query: signedQuery, headers, body, unsignedBecause: params.message };
  const sign = topSignOf(spoil(secret, badSignature), params.value, request.body);
  return { method: "POST", query: { ...signedQuery, sign }, headers, body };
}
