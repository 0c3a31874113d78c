// Answer and log line of the usual-stack receivers: the same bytes the product and the floor write.
export function reply(status: number, body: string) {
  return { statusCode: status, headers: { "content-type": "application/json; charset=utf-8" }, body, isBase64Encoded: false };
}

export function logAccepted(platform: string, callback: string, id: string, data: unknown): void {
  process.stdout.write(`${JSON.stringify({ level: "info", time: new Date().toISOString(), msg: "callback accepted", event: { id, platform, callback, data } })}\n`);
}
