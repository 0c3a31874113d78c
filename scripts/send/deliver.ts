import { readVerdict, type Verdict } from "../emulator/verdict";
import type { SignedCallback } from "./sign";

export interface Delivery {
  readonly url: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly verdict: Verdict;
}

/** Percent-encoding throughout (a TOP timestamp's space as %20, as the platforms send it). */
export function withQuery(url: string, query: Readonly<Record<string, string>>): string {
  const text = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&");
  if (!text) return url;
  return `${url}${url.includes("?") ? "&" : "?"}${text}`;
}

/** Sends one signed callback and reads the answer as its platform would. */
export async function deliverCallback(request: SignedCallback, url: string, timeoutMs = 10_000): Promise<Delivery> {
  const target = withQuery(url, request.query);
  const response = await fetch(target, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await response.text();
  return {
    url: target,
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body,
    verdict: readVerdict(response.status, body),
  };
}
