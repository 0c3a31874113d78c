/** Shared by the inspector tests: its JSON API on an emulator, and the record of one request. */
import { expect } from "vitest";

export const api = (em: { url: string }, path: string) => `${em.url}/_inspector/api${path}`;

/** A JSON call the way the page makes it: same origin, JSON body. */
export async function call(em: { url: string }, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(api(em, path), {
    method: body === undefined ? "GET" : "POST",
    headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json", origin: em.url }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

/** The request with this id (an answer's x-fc-request-id or apigw-requestid), once the emulator has recorded it. */
export async function recordOf(em: { url: string }, requestId: string): Promise<any> {
  let summary: any;
  await expect
    .poll(
      async () => {
        summary = (await call(em, "/requests")).json.requests.find((r: any) => r.id === requestId);
        return summary !== undefined;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return (await call(em, `/requests/${summary.seq}`)).json;
}
